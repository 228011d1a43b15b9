import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, LessThanOrEqual } from 'typeorm';
import { type ActorRef, DomainError, todayIn, UK_TIME_ZONE } from '@app/common';
import { PoliceForceAreaService } from '@app/geography';
import { NetworkAccess, NetworkService } from '@app/networks';
import {
  CommitmentEntity,
  CommitmentStatusChangeEntity,
  EngagementAskEntity,
  EngagementEntity,
  EngagementParticipantEntity,
  EngagementPositionEntity,
} from '../engagement.entities';
import { CommitmentStatus } from '../influencing.enums';
import { OfficeHolderEntity } from '../office.entities';
import type { AreaCommitments } from './engagement.model';

/** What a viewer may read among engagements. */
export class EngagementAccess extends NetworkAccess {
  canRead(engagement: Pick<EngagementEntity, 'networkId' | 'public'>): boolean {
    return engagement.public || this.platformAdmin || this.networkIds.has(engagement.networkId);
  }
}

export interface EngagementFilter {
  readonly networkId?: string | null;
  readonly policeForceAreaCode?: string | null;
  readonly from?: string | null;
  readonly to?: string | null;
}

/** Engagements and commitments as readers see them (writes are in EngagementFlowsService). */
@Injectable()
export class EngagementService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly networks: NetworkService,
    private readonly areas: PoliceForceAreaService,
  ) {}

  async accessOf(viewer: ActorRef): Promise<EngagementAccess> {
    return new EngagementAccess(viewer, await this.networks.memberNetworksOf(viewer));
  }

  /** An engagement the viewer may read; NOT_FOUND otherwise (a private one's existence is not told). */
  async getReadable(viewer: ActorRef, id: string): Promise<EngagementEntity> {
    const access = await this.accessOf(viewer);
    const engagement = await this.db.manager.findOneBy(EngagementEntity, { id });
    if (!engagement || !access.canRead(engagement)) {
      throw DomainError.notFound('Engagement', id);
    }
    return engagement;
  }

  /** The newest engagements the viewer may read, by network or area (or nationally). */
  async listReadable(viewer: ActorRef, filter: EngagementFilter, first: number): Promise<EngagementEntity[]> {
    const access = await this.accessOf(viewer);
    const query = this.db.manager
      .createQueryBuilder(EngagementEntity, 'g')
      .where('(g.public OR :admin OR g.network_id = ANY(:mine))', {
        admin: access.platformAdmin,
        mine: [...access.networkIds],
      })
      .orderBy('g.occurred_on', 'DESC')
      .addOrderBy('g.created_at', 'DESC')
      .take(first);
    if (filter.networkId) {
      query.andWhere('g.network_id = :networkId', { networkId: filter.networkId });
    }
    if (filter.policeForceAreaCode) {
      query.andWhere('g.network_id = ANY(:areaNetworks)', {
        areaNetworks: await this.networksIn(filter.policeForceAreaCode),
      });
    }
    if (filter.from) {
      query.andWhere('g.occurred_on >= :from', { from: filter.from });
    }
    if (filter.to) {
      query.andWhere('g.occurred_on <= :to', { to: filter.to });
    }
    return query.getMany();
  }

  /** OPEN commitments past their due date, of engagements the viewer may read, most overdue first. */
  async overdue(viewer: ActorRef, filter: EngagementFilter, first: number): Promise<CommitmentEntity[]> {
    const access = await this.accessOf(viewer);
    const query = this.db.manager
      .createQueryBuilder(CommitmentEntity, 'c')
      .innerJoin(EngagementEntity, 'g', 'g.id = c.engagement_id')
      .where(`c.status = 'OPEN' AND c.due_on < :today`, { today: todayIn(UK_TIME_ZONE) })
      .andWhere('(g.public OR :admin OR g.network_id = ANY(:mine))', {
        admin: access.platformAdmin,
        mine: [...access.networkIds],
      })
      .orderBy('c.due_on', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(first);
    if (filter.networkId) {
      query.andWhere('g.network_id = :networkId', { networkId: filter.networkId });
    }
    if (filter.policeForceAreaCode) {
      query.andWhere('g.network_id = ANY(:areaNetworks)', {
        areaNetworks: await this.networksIn(filter.policeForceAreaCode),
      });
    }
    return query.getMany();
  }

  /**
   * Every area's commitments by status (counts over all engagements, private ones included):
   * areas from geography, their networks from networks, the counts per network from here.
   */
  async byArea(): Promise<AreaCommitments[]> {
    const areas = (await this.areas.list()).sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
    const networks = await this.networks.findByAreaIds(areas.map((a) => a.id));
    const counts = await this.db.query<(Omit<AreaCommitments, 'policeForceAreaId'> & { networkId: string })[]>(
      `SELECT g.network_id AS "networkId",
         count(c.id)::int AS total,
         count(c.id) FILTER (WHERE c.status = 'OPEN')::int AS open,
         count(c.id) FILTER (WHERE c.status = 'OPEN' AND c.due_on < $1::date)::int AS overdue,
         count(c.id) FILTER (WHERE c.status = 'MET')::int AS met,
         count(c.id) FILTER (WHERE c.status = 'PARTLY_MET')::int AS "partlyMet",
         count(c.id) FILTER (WHERE c.status = 'NOT_MET')::int AS "notMet",
         count(c.id) FILTER (WHERE c.status = 'WITHDRAWN')::int AS withdrawn,
         to_char(max(g.occurred_on), 'YYYY-MM-DD') AS "lastEngagementOn"
       FROM engagement g
       LEFT JOIN commitment c ON c.engagement_id = g.id
       WHERE g.network_id = ANY($2::uuid[])
       GROUP BY g.network_id`,
      [todayIn(UK_TIME_ZONE), networks.map((n) => n.id)], // the UK's date, as daysOverdue counts it
    );
    const areaOf = new Map(networks.map((n) => [n.id, n.policeForceAreaId]));
    const byArea = new Map<string, AreaCommitments>(
      areas.map((a) => [
        a.id,
        {
          policeForceAreaId: a.id,
          total: 0,
          open: 0,
          overdue: 0,
          met: 0,
          partlyMet: 0,
          notMet: 0,
          withdrawn: 0,
          lastEngagementOn: null,
        },
      ]),
    );
    for (const { networkId, lastEngagementOn, ...count } of counts) {
      const sum = byArea.get(areaOf.get(networkId) ?? '');
      if (!sum) {
        continue;
      }
      for (const key of ['total', 'open', 'overdue', 'met', 'partlyMet', 'notMet', 'withdrawn'] as const) {
        sum[key] += count[key];
      }
      if (lastEngagementOn && (!sum.lastEngagementOn || lastEngagementOn > sum.lastEngagementOn)) {
        sum.lastEngagementOn = lastEngagementOn;
      }
    }
    return [...byArea.values()];
  }

  /**
   * OPEN commitments due on or before a day (`YYYY-MM-DD`), latest due first (those just come
   * into a notice window lead), one page of at most `take` (1000 at most) from `skip`: for notices
   * to the networks concerned (the caller pages to the end and checks who may read each engagement).
   */
  openDueBy(
    lastDay: string,
    page: { skip: number; take: number } = { skip: 0, take: 1000 },
  ): Promise<CommitmentEntity[]> {
    return this.db.manager.find(CommitmentEntity, {
      where: { status: CommitmentStatus.OPEN, dueOn: LessThanOrEqual(lastDay) },
      order: { dueOn: 'DESC', id: 'DESC' },
      skip: Math.max(0, Math.floor(page.skip)),
      take: Math.min(1000, Math.max(1, Math.floor(page.take))),
    });
  }

  asksOf(engagementIds: readonly string[]): Promise<EngagementAskEntity[]> {
    return this.db.manager.find(EngagementAskEntity, {
      where: { engagementId: In([...engagementIds]) },
      order: { ordinal: 'ASC' },
    });
  }

  commitmentsOf(engagementIds: readonly string[]): Promise<CommitmentEntity[]> {
    return this.db.manager.find(CommitmentEntity, {
      where: { engagementId: In([...engagementIds]) },
      order: { dueOn: 'ASC', createdAt: 'ASC' },
    });
  }

  historyOf(commitmentIds: readonly string[]): Promise<CommitmentStatusChangeEntity[]> {
    return this.db.manager.find(CommitmentStatusChangeEntity, {
      where: { commitmentId: In([...commitmentIds]) },
      order: { changedAt: 'ASC', id: 'ASC' },
    });
  }

  participantsOf(engagementIds: readonly string[]): Promise<EngagementParticipantEntity[]> {
    return this.db.manager.find(EngagementParticipantEntity, { where: { engagementId: In([...engagementIds]) } });
  }

  positionLinksOf(engagementIds: readonly string[]): Promise<EngagementPositionEntity[]> {
    return this.db.manager.find(EngagementPositionEntity, { where: { engagementId: In([...engagementIds]) } });
  }

  officeHoldersByIds(ids: readonly string[]): Promise<OfficeHolderEntity[]> {
    return this.db.manager.find(OfficeHolderEntity, { where: { id: In([...ids]) } });
  }

  engagementsByIds(ids: readonly string[]): Promise<EngagementEntity[]> {
    return this.db.manager.find(EngagementEntity, { where: { id: In([...ids]) } });
  }

  /** The networks of an area, by its code (networks own the link from a network to its area). */
  private async networksIn(code: string): Promise<string[]> {
    const area = await this.areas.getByCode(code).catch(() => {
      throw DomainError.unknown('policeForceAreaCode', 'is not a police force area');
    });
    return (await this.networks.findByAreaIds([area.id])).map((n) => n.id);
  }
}
