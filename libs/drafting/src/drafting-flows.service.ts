import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility, type RecordActivity } from '@app/activity';
import { type ActorRef, DomainError, ErrorCode, refusedMove } from '@app/common';
import { NetworkService, NetworkStatus } from '@app/networks';
import { contentHash } from './draft-text';
import {
  JointPositionEntity,
  PositionRevisionEntity,
  PositionSectionEntity,
  PositionSuggestionEntity,
  SignOnEntity,
  SubmissionEntity,
} from './drafting.entities';
import { EDITABLE, POSITION_STATUS_MOVES, PositionStatus, RevisionKind, SuggestionStatus } from './drafting.enums';
import type {
  AddSectionInput,
  ChangePositionStatusInput,
  CreateJointPositionInput,
  EditSectionInput,
  MoveSectionInput,
  RecordPositionResponseInput,
  RemoveSectionInput,
  SignOnToPositionInput,
  SubmitPositionInput,
} from './dto/drafting.input';
import { PositionService } from './position.service';
import { mergeText } from './text-merge';

/** The longest section body accepted, in characters (a long consultation response is ~20,000). */
export const MAX_SECTION_BODY = 50_000;
/** Keeps a whole draft (diffs, exports, hashes) to a few megabytes at most. */
export const MAX_SECTIONS = 100;

export type EditOutcome =
  | {
      readonly kind: 'EDITED';
      readonly section: PositionSectionEntity;
      readonly revision: number;
      readonly merged: boolean;
    }
  | { readonly kind: 'CONFLICT'; readonly section: PositionSectionEntity; readonly message: string };

/** Who wrote a change: the person, and the organisation they wrote for (attribution). */
export interface Author {
  readonly personId: string | null;
  readonly organisationId: string | null;
}
const authorOf = (viewer: ActorRef): Author => ({ personId: viewer.personId ?? null, organisationId: null });

/** A draft locked for a change, and how to record it (or that nothing changed). */
export interface Locked {
  readonly tx: EntityManager;
  readonly position: JointPositionEntity;
  readonly note: (verb: ActivityVerb, payload?: Record<string, unknown>) => Promise<void>;
  readonly unchanged: () => void;
}

/**
 * Drafting flows. Every change to a draft locks its row, so revision numbers are given one at a
 * time without gaps, and appends activity in the same transaction. Who may run each flow is
 * decided by the operation policy; the text's rules are here.
 */
@Injectable()
export class DraftingFlowsService {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly positions: PositionService,
    private readonly networks: NetworkService,
  ) {}

  async create(viewer: ActorRef, input: CreateJointPositionInput): Promise<JointPositionEntity> {
    const network = await this.networks.getById(input.networkId).catch(() => {
      throw DomainError.badInput('input.networkId', 'is not a network');
    });
    if (network.status === NetworkStatus.CLOSED) {
      throw new DomainError(ErrorCode.CONFLICT, `${network.name} is closed`, [
        { field: 'input.networkId', message: 'is closed' },
      ]);
    }
    (input.sections ?? []).forEach((s, i) => assertBody(s.body ?? '', `input.sections.${i}.body`));
    await this.assertWritesFor(viewer, network.id, input.organisationId, 'input.organisationId');
    for (const [i, section] of (input.sections ?? []).entries()) {
      await this.assertMember(network.id, section.leadOrganisationId, `input.sections.${i}.leadOrganisationId`);
    }
    return this.activity.transaction(async (tx, record) => {
      const { id } = await tx.save(
        tx.create(JointPositionEntity, {
          networkId: network.id,
          title: input.title,
          audience: input.audience,
          purpose: input.purpose ?? null,
          deadline: input.deadline ?? null,
          publicWhenSubmitted: input.publicWhenSubmitted ?? true,
          createdByPersonId: viewer.personId ?? null,
        }),
      );
      const position = await tx.findOneByOrFail(JointPositionEntity, { id });
      const order: string[] = [];
      for (const section of input.sections ?? []) {
        const added = await this.insertSection(tx, position, viewer, section, order, input.organisationId ?? null);
        order.push(added.id);
      }
      await note(record, position, viewer, ActivityVerb.POSITION_CREATED, { sections: order.length });
      return tx.findOneByOrFail(JointPositionEntity, { id });
    });
  }

  /**
   * Applies an edit made on `baseRevision`. If the section changed since, the edit is merged
   * word by word with what others wrote; overlapping changes give a conflict and write nothing.
   */
  editSection(viewer: ActorRef, input: EditSectionInput): Promise<EditOutcome> {
    if (input.body !== undefined) {
      assertBody(input.body, 'input.body');
    }
    return this.withSection(viewer, input.sectionId, async (locked, section) => {
      await this.assertWritesFor(viewer, locked.position.networkId, input.organisationId, 'input.organisationId');
      return this.applyEdit(locked, section, input, {
        personId: viewer.personId ?? null,
        organisationId: input.organisationId ?? null,
      });
    });
  }

  /**
   * Applies a change made on `baseRevision` to a locked section: as it is when nobody changed
   * the section since, else merged with what they wrote; a conflict writes nothing.
   */
  async applyEdit(
    { tx, position, note: record, unchanged }: Locked,
    section: PositionSectionEntity,
    change: { readonly baseRevision: number; readonly heading?: string; readonly body?: string },
    author: Author,
  ): Promise<EditOutcome> {
    assertEditable(position);
    if (change.baseRevision > position.revision) {
      throw DomainError.badInput('input.baseRevision', `is ahead of the draft (revision ${position.revision})`);
    }
    const known = await this.positions.sectionAt(tx, section.id, change.baseRevision);
    const base = known ?? { heading: '', body: '' };
    const stale = section.revision > change.baseRevision;
    const heading = mergeText(base.heading, change.heading ?? base.heading, section.heading);
    const body = mergeText(base.body, change.body ?? base.body, section.body);
    if (!heading.clean || !body.clean) {
      unchanged();
      return {
        kind: 'CONFLICT',
        section,
        message: known
          ? `Changed by someone else since revision ${change.baseRevision}, in the same words: reapply your edit to revision ${section.revision}`
          : `This section did not exist at revision ${change.baseRevision} (it was added later): read it at revision ${section.revision} and reapply your edit to that`,
      };
    }
    if (heading.text === section.heading && body.text === section.body) {
      unchanged();
      return { kind: 'EDITED', section, revision: section.revision, merged: false };
    }
    if (!heading.text.trim()) {
      throw DomainError.badInput('input.heading', 'must not be empty');
    }
    assertBody(body.text, 'input.body');
    const revision = await this.nextRevision(tx, position, author, {
      kind: RevisionKind.SECTION_EDITED,
      sectionId: section.id,
      baseRevision: change.baseRevision,
      merged: stale,
      heading: heading.text,
      body: body.text,
    });
    await tx.update(PositionSectionEntity, { id: section.id }, { heading: heading.text, body: body.text, revision });
    await record(ActivityVerb.POSITION_SECTION_EDITED, { sectionId: section.id, revision, merged: stale });
    return {
      kind: 'EDITED',
      section: await tx.findOneByOrFail(PositionSectionEntity, { id: section.id }),
      revision,
      merged: stale,
    };
  }

  addSection(viewer: ActorRef, input: AddSectionInput): Promise<PositionSectionEntity> {
    assertBody(input.body ?? '', 'input.body');
    return this.onPosition(viewer, input.positionId, async ({ tx, position, note: record }) => {
      assertEditable(position);
      await this.assertWritesFor(viewer, position.networkId, input.organisationId, 'input.organisationId');
      await this.assertMember(position.networkId, input.leadOrganisationId, 'input.leadOrganisationId');
      const order = (await this.liveSections(tx, position.id)).map((s) => s.id);
      if (order.length >= MAX_SECTIONS) {
        throw DomainError.badInput('input.positionId', `a joint position has at most ${MAX_SECTIONS} sections`);
      }
      const at = Math.min(Math.max(input.position ?? order.length + 1, 1), order.length + 1);
      const section = await this.insertSection(tx, position, viewer, input, order, input.organisationId ?? null, at);
      await record(ActivityVerb.POSITION_SECTION_ADDED, { sectionId: section.id, revision: section.revision });
      return section;
    });
  }

  removeSection(viewer: ActorRef, input: RemoveSectionInput): Promise<PositionSectionEntity> {
    return this.withSection(viewer, input.sectionId, async ({ tx, position, note: record }, section) => {
      assertEditable(position);
      await tx.update(PositionSectionEntity, { id: section.id }, { removedAt: () => 'now()' });
      // Tracked changes to it can no longer apply: they are closed with it.
      await tx.update(
        PositionSuggestionEntity,
        { sectionId: section.id, status: SuggestionStatus.OPEN },
        { status: SuggestionStatus.REJECTED, decidedByPersonId: viewer.personId ?? null, decidedAt: new Date() },
      );
      const order = (await this.liveSections(tx, position.id)).map((s) => s.id);
      await this.renumber(tx, order);
      const revision = await this.nextRevision(tx, position, authorOf(viewer), {
        kind: RevisionKind.SECTION_REMOVED,
        sectionId: section.id,
        sectionOrder: order,
      });
      await record(ActivityVerb.POSITION_SECTION_REMOVED, { sectionId: section.id, revision });
      return tx.findOneByOrFail(PositionSectionEntity, { id: section.id });
    });
  }

  /** Moves a section to a position (from 1) among the live ones; the others keep their order. */
  moveSection(viewer: ActorRef, input: MoveSectionInput): Promise<PositionSectionEntity> {
    return this.withSection(viewer, input.sectionId, async ({ tx, position, note: record, unchanged }, section) => {
      assertEditable(position);
      const others = (await this.liveSections(tx, position.id)).map((s) => s.id).filter((id) => id !== section.id);
      const at = Math.min(Math.max(input.position, 1), others.length + 1);
      const order = [...others.slice(0, at - 1), section.id, ...others.slice(at - 1)];
      if (order.indexOf(section.id) === section.ordinal - 1) {
        unchanged();
        return section;
      }
      await this.renumber(tx, order);
      const revision = await this.nextRevision(tx, position, authorOf(viewer), {
        kind: RevisionKind.SECTIONS_REORDERED,
        sectionId: section.id,
        sectionOrder: order,
      });
      await record(ActivityVerb.POSITION_SECTIONS_REORDERED, { sectionId: section.id, revision, position: at });
      return tx.findOneByOrFail(PositionSectionEntity, { id: section.id });
    });
  }

  /**
   * Moves the status (convenors). AGREED fixes the text at the current revision; moving an
   * AGREED draft back to DRAFTING reopens it and voids every sign-on, visibly.
   */
  changeStatus(viewer: ActorRef, input: ChangePositionStatusInput): Promise<JointPositionEntity> {
    return this.onPosition(viewer, input.positionId, async ({ tx, position, note: record }) => {
      if (!POSITION_STATUS_MOVES[position.status].includes(input.status)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          refusedMove('joint position', position.status, input.status, POSITION_STATUS_MOVES[position.status]) +
            (input.status === PositionStatus.SUBMITTED ? ' (to submit it, record its submission instead)' : '') +
            (input.status === PositionStatus.RESPONDED ? " (record the commissioner's response instead)" : ''),
          [{ field: 'input.status', message: `not allowed from ${position.status}` }],
        );
      }
      if (input.status === PositionStatus.AGREED && position.revision === 0) {
        throw new DomainError(ErrorCode.CONFLICT, 'An empty draft cannot be agreed', [
          { field: 'input.status', message: 'the draft has no text' },
        ]);
      }
      const voided = position.status === PositionStatus.AGREED ? await this.voidSignOns(tx, position, input.reason) : 0;
      await tx.update(
        JointPositionEntity,
        { id: position.id },
        {
          status: input.status,
          statusReason: input.reason ?? null,
          agreedRevision: input.status === PositionStatus.AGREED ? position.revision : position.agreedRevision,
        },
      );
      await record(ActivityVerb.POSITION_STATUS_CHANGED, {
        from: position.status,
        to: input.status,
        reason: input.reason ?? null,
        signOnsVoided: voided,
      });
      return tx.findOneByOrFail(JointPositionEntity, { id: position.id });
    });
  }

  /** An organisation signs the agreed text, fixed by its revision and content hash. */
  async signOn(viewer: ActorRef, input: SignOnToPositionInput): Promise<SignOnEntity> {
    // A draft the viewer may not read is not there for them: NOT_FOUND before any lock is taken.
    await this.positions.getReadable(viewer, input.positionId);
    return this.onPosition(viewer, input.positionId, async ({ tx, position, note: record }) => {
      if (position.status !== PositionStatus.AGREED || position.agreedRevision === null) {
        throw new DomainError(ErrorCode.CONFLICT, 'Organisations sign on once the text is AGREED', [
          { field: 'input.positionId', message: `is ${position.status}` },
        ]);
      }
      if (!(await this.networks.isActiveMember(input.organisationId, position.networkId))) {
        throw new DomainError(ErrorCode.FORBIDDEN, 'Only active members of the network sign its positions', [
          { field: 'input.organisationId', message: 'is not an active member of the network' },
        ]);
      }
      const existing = await tx.findOneBy(SignOnEntity, {
        positionId: position.id,
        organisationId: input.organisationId,
        voidedAt: IsNull(),
      });
      if (existing) {
        throw new DomainError(ErrorCode.CONFLICT, 'This organisation has already signed this text', [
          { field: 'input.organisationId', message: 'has signed' },
        ]);
      }
      const hash = contentHash(position.title, await this.positions.textAt(tx, position.id, position.agreedRevision));
      const { id } = await tx.save(
        tx.create(SignOnEntity, {
          positionId: position.id,
          organisationId: input.organisationId,
          signedByPersonId: viewer.personId ?? '',
          revision: position.agreedRevision,
          contentHash: hash,
        }),
      );
      await record(ActivityVerb.POSITION_SIGNED, {
        organisationId: input.organisationId,
        revision: position.agreedRevision,
        contentHash: hash,
      });
      return tx.findOneByOrFail(SignOnEntity, { id });
    });
  }

  /** Records that the agreed text was sent (convenors); the draft becomes SUBMITTED. */
  submit(viewer: ActorRef, input: SubmitPositionInput): Promise<JointPositionEntity> {
    return this.onPosition(viewer, input.positionId, async ({ tx, position, note: record }) => {
      if (position.status !== PositionStatus.AGREED || position.agreedRevision === null) {
        throw new DomainError(ErrorCode.CONFLICT, 'Only an AGREED text is submitted', [
          { field: 'input.positionId', message: `is ${position.status}` },
        ]);
      }
      const hash = contentHash(position.title, await this.positions.textAt(tx, position.id, position.agreedRevision));
      await tx.insert(SubmissionEntity, {
        positionId: position.id,
        submittedTo: input.submittedTo,
        submittedOn: input.submittedOn,
        method: input.method,
        revision: position.agreedRevision,
        contentHash: hash,
        submittedByPersonId: viewer.personId ?? null,
      });
      await tx.update(
        JointPositionEntity,
        { id: position.id },
        { status: PositionStatus.SUBMITTED, statusReason: null },
      );
      await record(ActivityVerb.POSITION_SUBMITTED, {
        submittedTo: input.submittedTo,
        revision: position.agreedRevision,
      });
      return tx.findOneByOrFail(JointPositionEntity, { id: position.id });
    });
  }

  /** Records the commissioner's response (convenors); the draft becomes RESPONDED. */
  recordResponse(viewer: ActorRef, input: RecordPositionResponseInput): Promise<JointPositionEntity> {
    return this.onPosition(viewer, input.positionId, async ({ tx, position, note: record }) => {
      if (position.status !== PositionStatus.SUBMITTED) {
        throw new DomainError(ErrorCode.CONFLICT, 'A response is recorded for a SUBMITTED position', [
          { field: 'input.positionId', message: `is ${position.status}` },
        ]);
      }
      await tx.update(
        SubmissionEntity,
        { positionId: position.id },
        { responseText: input.responseText, respondedOn: input.respondedOn, commitments: input.commitments ?? [] },
      );
      await tx.update(JointPositionEntity, { id: position.id }, { status: PositionStatus.RESPONDED });
      await record(ActivityVerb.POSITION_RESPONSE_RECORDED, { commitments: (input.commitments ?? []).length });
      return tx.findOneByOrFail(JointPositionEntity, { id: position.id });
    });
  }

  /**
   * An organisation credited with words (attribution) must employ the viewer and be an active
   * member of the draft's network.
   */
  async assertWritesFor(
    viewer: ActorRef,
    networkId: string,
    organisationId: string | null | undefined,
    field: string,
  ): Promise<void> {
    if (!organisationId) {
      return;
    }
    if (!(viewer.affiliations ?? []).some((a) => a.organisationId === organisationId)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'You can only write for an organisation you work for', [
        { field, message: 'you do not work for it' },
      ]);
    }
    await this.assertMember(networkId, organisationId, field);
  }

  /** An organisation named in the input (a section's lead) must be an active member of the network. */
  async assertMember(networkId: string, organisationId: string | null | undefined, field: string): Promise<void> {
    if (organisationId && !(await this.networks.isActiveMember(organisationId, networkId))) {
      throw DomainError.badInput(field, 'is not an active member of the network');
    }
  }

  /** Runs `work` on the locked draft, in one transaction with its activity. */
  onPosition<T>(viewer: ActorRef, positionId: string, work: (locked: Locked) => Promise<T>): Promise<T> {
    return this.activity.transaction(async (tx, record) => {
      const position = await tx
        .createQueryBuilder(JointPositionEntity, 'p')
        .setLock('pessimistic_write')
        .where('p.id = :positionId', { positionId })
        .getOne();
      if (!position) {
        throw DomainError.notFound('Joint position', positionId);
      }
      return work({
        tx,
        position,
        note: (verb, payload) => note(record, position, viewer, verb, payload),
        unchanged: () => record.unchanged(),
      });
    });
  }

  /** As `onPosition`, for the draft of a live section (BAD_USER_INPUT for an unknown or removed one). */
  async withSection<T>(
    viewer: ActorRef,
    sectionId: string,
    work: (locked: Locked, section: PositionSectionEntity) => Promise<T>,
  ): Promise<T> {
    const found = await this.positions.sectionById(sectionId);
    if (!found || found.removedAt) {
      throw DomainError.badInput('input.sectionId', 'is not a section of a draft');
    }
    return this.onPosition(viewer, found.positionId, async (locked) => {
      const section = await locked.tx.findOneByOrFail(PositionSectionEntity, { id: sectionId });
      if (section.removedAt) {
        throw DomainError.badInput('input.sectionId', 'was removed');
      }
      return work(locked, section);
    });
  }

  private liveSections(tx: EntityManager, positionId: string): Promise<PositionSectionEntity[]> {
    return tx
      .createQueryBuilder(PositionSectionEntity, 's')
      .where('s.position_id = :positionId AND s.removed_at IS NULL', { positionId })
      .orderBy('s.ordinal')
      .getMany();
  }

  private async renumber(tx: EntityManager, order: readonly string[]): Promise<void> {
    if (order.length) {
      await tx.query(
        `UPDATE position_section s SET ordinal = o.ordinal
           FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ordinal) WHERE s.id = o.id`,
        [order],
      );
    }
  }

  private async insertSection(
    tx: EntityManager,
    position: JointPositionEntity,
    viewer: ActorRef,
    input: { heading: string; body?: string | null; leadOrganisationId?: string | null },
    order: readonly string[],
    organisationId: string | null,
    at = order.length + 1,
  ): Promise<PositionSectionEntity> {
    const { id } = await tx.save(
      tx.create(PositionSectionEntity, {
        positionId: position.id,
        ordinal: at,
        heading: input.heading,
        body: input.body ?? '',
        leadOrganisationId: input.leadOrganisationId ?? null,
        revision: 0,
      }),
    );
    const newOrder = [...order.slice(0, at - 1), id, ...order.slice(at - 1)];
    await this.renumber(tx, newOrder);
    const revision = await this.nextRevision(
      tx,
      position,
      { personId: viewer.personId ?? null, organisationId },
      {
        kind: RevisionKind.SECTION_ADDED,
        sectionId: id,
        heading: input.heading,
        body: input.body ?? '',
        sectionOrder: newOrder,
      },
    );
    await tx.update(PositionSectionEntity, { id }, { revision });
    return tx.findOneByOrFail(PositionSectionEntity, { id });
  }

  /** Takes the draft's next revision number (the row is locked) and records the change under it. */
  private async nextRevision(
    tx: EntityManager,
    position: JointPositionEntity,
    author: Author,
    change: Partial<PositionRevisionEntity> & { kind: RevisionKind },
  ): Promise<number> {
    const number = position.revision + 1;
    const sectionOrder = change.sectionOrder ?? (await this.liveSections(tx, position.id)).map((s) => s.id);
    await tx.insert(PositionRevisionEntity, {
      positionId: position.id,
      number,
      baseRevision: null,
      merged: false,
      heading: null,
      body: null,
      ...change,
      sectionOrder,
      authorPersonId: author.personId,
      authorOrganisationId: author.organisationId,
    });
    await tx.update(JointPositionEntity, { id: position.id }, { revision: number });
    position.revision = number; // several changes in one transaction (a new draft's sections)
    return number;
  }

  private async voidSignOns(tx: EntityManager, position: JointPositionEntity, reason?: string): Promise<number> {
    const [, count] = await tx.query<[unknown[], number]>(
      `UPDATE position_sign_on SET voided_at = now(), void_reason = $2 WHERE position_id = $1 AND voided_at IS NULL`,
      [position.id, reason ?? 'the draft was reopened'],
    );
    return count;
  }
}

function assertEditable(position: JointPositionEntity): void {
  if (!EDITABLE.includes(position.status)) {
    throw new DomainError(
      ErrorCode.CONFLICT,
      `The joint position is ${position.status}, so its text is fixed` +
        (position.status === PositionStatus.AGREED
          ? ': a convenor reopens it (to DRAFTING), which voids the sign-ons'
          : ': only a draft in DRAFTING or CONSULTATION can change'),
      [{ field: 'input', message: `the position is ${position.status}` }],
    );
  }
}

export function assertBody(body: string, field: string): void {
  if (body.length > MAX_SECTION_BODY) {
    throw DomainError.badInput(field, `is longer than ${MAX_SECTION_BODY.toLocaleString('en-GB')} characters`);
  }
}

/** Drafting activity is for the network's members (a draft is private until submitted). */
function note(
  record: RecordActivity,
  position: JointPositionEntity,
  viewer: ActorRef,
  verb: ActivityVerb,
  payload: Record<string, unknown> = {},
): Promise<void> {
  return record({
    verb,
    visibility: ActivityVisibility.NETWORK,
    actorPersonId: viewer.personId ?? null,
    networkId: position.networkId,
    payload: { positionId: position.id, position: position.title, revision: position.revision, ...payload },
  });
}
