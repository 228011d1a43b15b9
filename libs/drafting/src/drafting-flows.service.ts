import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { ActivityRecorder, ActivityVerb, noting } from '@app/activity';
import { type ActorRef, DomainError, ErrorCode, refusedMove, CommonRefusal } from '@app/common';
import { NetworkService, NetworkStatus, NetworkRefusal } from '@app/networks';
import { assertBody, DraftLock, draftNoter, draftOf } from './draft-lock';
import { insertSection } from './draft-revisions';
import { contentHash } from './draft-text';
import { JointPositionEntity, SignOnEntity, SubmissionEntity } from './drafting.entities';
import { POSITION_STATUS_MOVES, PositionStatus } from './drafting.enums';
import type {
  ChangePositionStatusInput,
  CreateJointPositionInput,
  RecordPositionResponseInput,
  SignOnToPositionInput,
  SubmitPositionInput,
} from './dto/drafting.input';
import { PositionService } from './position.service';
import { DraftingRefusal } from './drafting.errors';

/**
 * A draft's lifecycle: created, agreed, signed, submitted, answered. Every change locks the draft's
 * row (see `draftOf`) and appends activity in the same transaction; section editing is in
 * `SectionFlowsService`, comments and tracked changes in `ReviewFlowsService`. Who may run each
 * flow is decided by the operation policy; the text's rules are here.
 */
@Injectable()
export class DraftingFlowsService {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly lock: DraftLock,
    private readonly positions: PositionService,
    private readonly networks: NetworkService,
  ) {}

  async create(viewer: ActorRef, input: CreateJointPositionInput): Promise<JointPositionEntity> {
    const network = await this.networks.getById(input.networkId).catch(() => {
      throw DomainError.unknown('input.networkId', 'is not a network');
    });
    if (network.status === NetworkStatus.CLOSED) {
      throw new DomainError(ErrorCode.CONFLICT, NetworkRefusal.NETWORK_CLOSED, `${network.name} is closed`, [
        { field: 'input.networkId', message: 'is closed' },
      ]);
    }
    (input.sections ?? []).forEach((s, i) => assertBody(s.body ?? '', `input.sections.${i}.body`));
    await this.lock.assertWritesFor(viewer, network.id, input.organisationId, 'input.organisationId');
    for (const [i, section] of (input.sections ?? []).entries()) {
      await this.lock.assertMember(network.id, section.leadOrganisationId, `input.sections.${i}.leadOrganisationId`);
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
        const added = await insertSection(tx, position, viewer, section, order, input.organisationId ?? null);
        order.push(added.id);
      }
      await noting(tx, record, position, draftNoter(viewer))(ActivityVerb.POSITION_CREATED, { sections: order.length });
      return tx.findOneByOrFail(JointPositionEntity, { id });
    });
  }

  /**
   * Moves the status (convenors). AGREED fixes the text at the current revision; moving an
   * AGREED draft back to DRAFTING reopens it and voids every sign-on, visibly.
   */
  changeStatus(viewer: ActorRef, input: ChangePositionStatusInput): Promise<JointPositionEntity> {
    return this.activity.transactionOn(draftOf(viewer, input.positionId), async ({ tx, row: position, note }) => {
      if (!POSITION_STATUS_MOVES[position.status].includes(input.status)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          CommonRefusal.INVALID_STATUS_MOVE,
          refusedMove('joint position', position.status, input.status, POSITION_STATUS_MOVES[position.status]) +
            (input.status === PositionStatus.SUBMITTED ? ' (to submit it, record its submission instead)' : '') +
            (input.status === PositionStatus.RESPONDED ? " (record the commissioner's response instead)" : ''),
          [{ field: 'input.status', message: `not allowed from ${position.status}` }],
        );
      }
      if (input.status === PositionStatus.AGREED && position.revision === 0) {
        throw new DomainError(ErrorCode.CONFLICT, DraftingRefusal.EMPTY_DRAFT, 'An empty draft cannot be agreed', [
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
      await note(ActivityVerb.POSITION_STATUS_CHANGED, {
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
    return this.activity.transactionOn(draftOf(viewer, input.positionId), async ({ tx, row: position, note }) => {
      if (position.status !== PositionStatus.AGREED || position.agreedRevision === null) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          DraftingRefusal.NOT_AGREED,
          'Organisations sign on once the text is AGREED',
          [{ field: 'input.positionId', message: `is ${position.status}` }],
        );
      }
      if (!(await this.networks.isActiveMember(input.organisationId, position.networkId))) {
        throw new DomainError(
          ErrorCode.FORBIDDEN,
          NetworkRefusal.NOT_A_MEMBER,
          'Only active members of the network sign its positions',
          [{ field: 'input.organisationId', message: 'is not an active member of the network' }],
        );
      }
      const existing = await tx.findOneBy(SignOnEntity, {
        positionId: position.id,
        organisationId: input.organisationId,
        voidedAt: IsNull(),
      });
      if (existing) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          DraftingRefusal.ALREADY_SIGNED,
          'This organisation has already signed this text',
          [{ field: 'input.organisationId', message: 'has signed' }],
        );
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
      await note(ActivityVerb.POSITION_SIGNED, {
        organisationId: input.organisationId,
        revision: position.agreedRevision,
        contentHash: hash,
      });
      return tx.findOneByOrFail(SignOnEntity, { id });
    });
  }

  /** Records that the agreed text was sent (convenors); the draft becomes SUBMITTED. */
  submit(viewer: ActorRef, input: SubmitPositionInput): Promise<JointPositionEntity> {
    return this.activity.transactionOn(draftOf(viewer, input.positionId), async ({ tx, row: position, note }) => {
      if (position.status !== PositionStatus.AGREED || position.agreedRevision === null) {
        throw new DomainError(ErrorCode.CONFLICT, DraftingRefusal.NOT_AGREED, 'Only an AGREED text is submitted', [
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
      await note(ActivityVerb.POSITION_SUBMITTED, {
        submittedTo: input.submittedTo,
        revision: position.agreedRevision,
      });
      return tx.findOneByOrFail(JointPositionEntity, { id: position.id });
    });
  }

  /** Records the commissioner's response (convenors); the draft becomes RESPONDED. */
  recordResponse(viewer: ActorRef, input: RecordPositionResponseInput): Promise<JointPositionEntity> {
    return this.activity.transactionOn(draftOf(viewer, input.positionId), async ({ tx, row: position, note }) => {
      if (position.status !== PositionStatus.SUBMITTED) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          DraftingRefusal.NOT_SUBMITTED,
          'A response is recorded for a SUBMITTED position',
          [{ field: 'input.positionId', message: `is ${position.status}` }],
        );
      }
      await tx.update(
        SubmissionEntity,
        { positionId: position.id },
        { responseText: input.responseText, respondedOn: input.respondedOn, commitments: input.commitments ?? [] },
      );
      await tx.update(JointPositionEntity, { id: position.id }, { status: PositionStatus.RESPONDED });
      await note(ActivityVerb.POSITION_RESPONSE_RECORDED, { commitments: (input.commitments ?? []).length });
      return tx.findOneByOrFail(JointPositionEntity, { id: position.id });
    });
  }

  private async voidSignOns(tx: EntityManager, position: JointPositionEntity, reason?: string): Promise<number> {
    const [, count] = await tx.query<[unknown[], number]>(
      `UPDATE position_sign_on SET voided_at = now(), void_reason = $2 WHERE position_id = $1 AND voided_at IS NULL`,
      [position.id, reason ?? 'the draft was reopened'],
    );
    return count;
  }
}
