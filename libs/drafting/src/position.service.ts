import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type ActorRef, DomainError, ErrorCode } from '@app/common';
import { NetworkRefusal, NetworkService } from '@app/networks';
import { DraftAccess } from './draft-access';
import { type SectionText } from './draft-text';
import {
  JointPositionEntity,
  PositionCommentEntity,
  PositionRevisionEntity,
  PositionSectionEntity,
  PositionSuggestionEntity,
  SignOnEntity,
  SubmissionEntity,
} from './drafting.entities';
import { PositionStatus } from './drafting.enums';

/** Reading drafts: visibility, sections, history, texts at any revision, sign-ons. */
@Injectable()
export class PositionService {
  constructor(
    @InjectRepository(JointPositionEntity) private readonly positions: Repository<JointPositionEntity>,
    @InjectRepository(PositionSectionEntity) private readonly sections: Repository<PositionSectionEntity>,
    @InjectRepository(PositionRevisionEntity) private readonly revisions: Repository<PositionRevisionEntity>,
    @InjectRepository(SignOnEntity) private readonly signOns: Repository<SignOnEntity>,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    @InjectRepository(PositionCommentEntity) private readonly comments: Repository<PositionCommentEntity>,
    @InjectRepository(PositionSuggestionEntity) private readonly suggestions: Repository<PositionSuggestionEntity>,
    private readonly networks: NetworkService,
  ) {}

  async accessOf(viewer: ActorRef): Promise<DraftAccess> {
    return new DraftAccess(viewer, await this.networks.memberNetworksOf(viewer));
  }

  /** Which of `ids` are joint positions of the network (another context links to its own only). */
  async ofNetwork(manager: EntityManager | null, networkId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) {
      return new Set();
    }
    const rows = await (manager ?? this.positions.manager)
      .createQueryBuilder(JointPositionEntity, 'p')
      .select('p.id', 'id')
      .where('p.network_id = :networkId AND p.id = ANY(:ids)', { networkId, ids })
      .getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }

  /** A draft the viewer may read; NOT_FOUND otherwise (a private draft's existence is not told). */
  async getReadable(viewer: ActorRef | DraftAccess, id: string): Promise<JointPositionEntity> {
    const access = viewer instanceof DraftAccess ? viewer : await this.accessOf(viewer);
    const position = await this.positions.findOneBy({ id });
    if (!position || !access.canRead(position)) {
      throw DomainError.notFound('Joint position', id);
    }
    return position;
  }

  /**
   * A draft whose writing the viewer may follow (presence): NOT_FOUND where they may not read it,
   * FORBIDDEN where it is public to them but they are not of its network.
   */
  async getForDeliberation(viewer: ActorRef, id: string): Promise<JointPositionEntity> {
    const access = await this.accessOf(viewer);
    const position = await this.getReadable(access, id);
    if (!access.canReadDeliberation(position)) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        NetworkRefusal.NOT_A_MEMBER,
        "Who is writing a draft, and where, is for its network's members",
      );
    }
    return position;
  }

  /** A network's drafts the viewer may read, newest first. */
  async listReadable(viewer: ActorRef | DraftAccess, networkId: string): Promise<JointPositionEntity[]> {
    const access = viewer instanceof DraftAccess ? viewer : await this.accessOf(viewer);
    const all = await this.positions.find({ where: { networkId }, order: { createdAt: 'DESC' } });
    return all.filter((p) => access.canRead(p));
  }

  findByIds(ids: readonly string[]): Promise<JointPositionEntity[]> {
    return this.positions.createQueryBuilder('p').where('p.id = ANY(:ids)', { ids }).getMany();
  }

  commentById(id: string): Promise<PositionCommentEntity | null> {
    return this.comments.findOneBy({ id });
  }

  suggestionById(id: string): Promise<PositionSuggestionEntity | null> {
    return this.suggestions.findOneBy({ id });
  }

  commentsOf(sectionIds: readonly string[]): Promise<PositionCommentEntity[]> {
    return this.comments
      .createQueryBuilder('c')
      .where('c.section_id = ANY(:sectionIds)', { sectionIds })
      .orderBy('c.created_at')
      .addOrderBy('c.id')
      .getMany();
  }

  suggestionsOf(sectionIds: readonly string[]): Promise<PositionSuggestionEntity[]> {
    return this.suggestions
      .createQueryBuilder('s')
      .where('s.section_id = ANY(:sectionIds)', { sectionIds })
      .orderBy('s.created_at')
      .addOrderBy('s.id')
      .getMany();
  }

  sectionById(id: string): Promise<PositionSectionEntity | null> {
    return this.sections.findOneBy({ id });
  }

  /** Live sections of these drafts, in order. */
  sectionsOf(positionIds: readonly string[]): Promise<PositionSectionEntity[]> {
    return this.sections
      .createQueryBuilder('s')
      .where('s.position_id = ANY(:positionIds) AND s.removed_at IS NULL', { positionIds })
      .orderBy('s.ordinal')
      .getMany();
  }

  revisionsOf(positionId: string, after = 0, first = 100): Promise<PositionRevisionEntity[]> {
    return this.revisions
      .createQueryBuilder('r')
      .where('r.position_id = :positionId AND r.number > :after', { positionId, after })
      .orderBy('r.number')
      .limit(first)
      .getMany();
  }

  /** The revisions that wrote these sections' text (additions and edits), in order. */
  writingsOf(sectionIds: readonly string[]): Promise<PositionRevisionEntity[]> {
    return this.revisions
      .createQueryBuilder('r')
      .where('r.section_id = ANY(:sectionIds) AND r.body IS NOT NULL', { sectionIds })
      .orderBy('r.number')
      .getMany();
  }

  /** The live sign-ons of these drafts, oldest first. */
  signOnsOf(positionIds: readonly string[]): Promise<SignOnEntity[]> {
    return this.signOns
      .createQueryBuilder('s')
      .where('s.position_id = ANY(:positionIds)', { positionIds })
      .orderBy('s.signed_at')
      .addOrderBy('s.id')
      .getMany();
  }

  submissionsOf(positionIds: readonly string[]): Promise<SubmissionEntity[]> {
    return this.submissions
      .createQueryBuilder('s')
      .where('s.position_id = ANY(:positionIds)', { positionIds })
      .getMany();
  }

  /** The whole text at a revision (the current one when left out), in section order. */
  async textAt(manager: EntityManager | null, positionId: string, revision: number): Promise<SectionText[]> {
    const db = manager ?? this.revisions.manager;
    const [order] = await db.query<{ section_order: string[] }[]>(
      `SELECT section_order FROM position_revision WHERE position_id = $1 AND number = $2`,
      [positionId, revision],
    );
    if (!order) {
      return [];
    }
    const rows = await db.query<{ section_id: string; heading: string; body: string }[]>(
      `SELECT DISTINCT ON (section_id) section_id, heading, body FROM position_revision
        WHERE position_id = $1 AND number <= $2 AND section_id = ANY($3::uuid[]) AND body IS NOT NULL
        ORDER BY section_id, number DESC`,
      [positionId, revision, order.section_order],
    );
    const byId = new Map(rows.map((r) => [r.section_id, r]));
    return order.section_order.flatMap((id) => {
      const row = byId.get(id);
      return row ? [{ id, heading: row.heading, body: row.body }] : [];
    });
  }

  /** A section's heading and body at a revision (its latest change at or before it). */
  async sectionAt(
    manager: EntityManager,
    sectionId: string,
    revision: number,
  ): Promise<{ heading: string; body: string } | null> {
    const [row] = await manager.query<{ heading: string; body: string }[]>(
      `SELECT heading, body FROM position_revision
        WHERE section_id = $1 AND number <= $2 AND body IS NOT NULL ORDER BY number DESC LIMIT 1`,
      [sectionId, revision],
    );
    return row ?? null;
  }

  isOpenForSignature(position: JointPositionEntity): boolean {
    return position.status === PositionStatus.AGREED;
  }
}
