import { Injectable } from '@nestjs/common';
import { ActivityRecorder, ActivityVisibility, type Locked, type LockTarget, type Noter } from '@app/activity';
import { type ActorRef, DomainError, ErrorCode } from '@app/common';
import { NetworkService, NetworkRefusal } from '@app/networks';
import { JointPositionEntity, PositionSectionEntity } from './drafting.entities';
import { EDITABLE, PositionStatus } from './drafting.enums';
import { PositionService } from './position.service';
import { DraftingRefusal } from './drafting.errors';

/** The longest section body accepted, in characters (a long consultation response is ~20,000). */
export const MAX_SECTION_BODY = 50_000;
/** Keeps a whole draft (diffs, exports, hashes) to a few megabytes at most. */
export const MAX_SECTIONS = 100;

/** A draft locked for a change, and how to record it (or that nothing changed). */
export type LockedDraft = Locked<JointPositionEntity>;

/** Who wrote a change: the person, and the organisation they wrote for (attribution). */
export interface Author {
  readonly personId: string | null;
  readonly organisationId: string | null;
}
export const authorOf = (viewer: ActorRef): Author => ({ personId: viewer.personId ?? null, organisationId: null });

/** Drafting activity is for the network's members (a draft is private until submitted). */
export const draftNoter =
  (viewer: ActorRef): Noter<JointPositionEntity> =>
  (_tx, position, verb, payload) => ({
    verb,
    visibility: ActivityVisibility.NETWORK,
    actorPersonId: viewer.personId ?? null,
    networkId: position.networkId,
    payload: { positionId: position.id, position: position.title, revision: position.revision, ...payload },
  });

/**
 * A draft's row, locked for a change: revision numbers are given one at a time without gaps.
 * Use with `ActivityRecorder.transactionOn`.
 */
export const draftOf = (viewer: ActorRef, positionId: string): LockTarget<JointPositionEntity> => ({
  entity: JointPositionEntity,
  id: positionId,
  name: 'Joint position',
  noter: draftNoter(viewer),
});

/**
 * Drafting's lock and checks, shared by the section, review and lifecycle flows: a section's
 * draft locked, and whether an organisation may be credited with words.
 */
@Injectable()
export class DraftLock {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly positions: PositionService,
    private readonly networks: NetworkService,
  ) {}

  /** Runs `work` on the locked draft of a live section (BAD_USER_INPUT for an unknown or removed one). */
  async withSection<T>(
    viewer: ActorRef,
    sectionId: string,
    work: (locked: LockedDraft, section: PositionSectionEntity) => Promise<T>,
  ): Promise<T> {
    const found = await this.positions.sectionById(sectionId);
    if (!found || found.removedAt) {
      throw DomainError.unknown('input.sectionId', 'is not a section of a draft');
    }
    return this.activity.transactionOn(draftOf(viewer, found.positionId), async (locked) => {
      const section = await locked.tx.findOneByOrFail(PositionSectionEntity, { id: sectionId });
      if (section.removedAt) {
        throw DomainError.badInput(DraftingRefusal.SECTION_REMOVED, 'input.sectionId', 'was removed');
      }
      return work(locked, section);
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
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        DraftingRefusal.NOT_YOUR_ORGANISATION,
        'You can only write for an organisation you work for',
        [{ field, message: 'you do not work for it' }],
      );
    }
    await this.assertMember(networkId, organisationId, field);
  }

  /** An organisation named in the input (a section's lead) must be an active member of the network. */
  async assertMember(networkId: string, organisationId: string | null | undefined, field: string): Promise<void> {
    if (organisationId && !(await this.networks.isActiveMember(organisationId, networkId))) {
      throw DomainError.badInput(NetworkRefusal.NOT_A_MEMBER, field, 'is not an active member of the network');
    }
  }
}

export function assertEditable(position: JointPositionEntity): void {
  if (!EDITABLE.includes(position.status)) {
    throw new DomainError(
      ErrorCode.CONFLICT,
      DraftingRefusal.TEXT_FIXED,
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
    throw DomainError.invalidInput(field, `is longer than ${MAX_SECTION_BODY.toLocaleString('en-GB')} characters`);
  }
}
