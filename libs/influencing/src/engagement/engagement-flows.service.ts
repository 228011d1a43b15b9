import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility, type Noter, noting } from '@app/activity';
import { type ActorRef, DomainError, ErrorCode, todayIn, UK_TIME_ZONE } from '@app/common';
import { EventService, EventVisibility } from '@app/events';
import { periodOn } from '@app/geography';
import { NetworkService, NetworkStatus, NetworkRefusal } from '@app/networks';
import { PositionService } from '@app/drafting';
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
import type {
  AddCommitmentInput,
  ChangeCommitmentStatusInput,
  CorrectEngagementInput,
  NewCommitmentInput,
  RecordEngagementInput,
} from './engagement.input';
import { InfluencingRefusal } from '../influencing.errors';

/**
 * Engagement flows: a network records what it asked of its commissioner's office and what was
 * promised, and then how each promise stood. Each change appends activity in its transaction.
 * Who may is decided by the operation policy; the record's rules are here.
 */
@Injectable()
export class EngagementFlowsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly activity: ActivityRecorder,
    private readonly networks: NetworkService,
    private readonly positions: PositionService,
    private readonly events: EventService,
  ) {}

  async record(viewer: ActorRef, input: RecordEngagementInput): Promise<EngagementEntity> {
    const network = await this.networks.getById(input.networkId).catch(() => {
      throw DomainError.unknown('input.networkId', 'is not a network');
    });
    if (network.status === NetworkStatus.CLOSED) {
      throw new DomainError(ErrorCode.CONFLICT, NetworkRefusal.NETWORK_CLOSED, `${network.name} is closed`, [
        { field: 'input.networkId', message: 'is closed' },
      ]);
    }
    if (input.occurredOn > todayIn(UK_TIME_ZONE)) {
      throw DomainError.badInput(
        InfluencingRefusal.IN_THE_FUTURE,
        'input.occurredOn',
        'is in the future (record events to come as events)',
      );
    }
    const asks = input.asks ?? [];
    (input.commitments ?? []).forEach((c, i) =>
      assertCommitment(c, input.occurredOn, asks.length, `input.commitments.${i}`),
    );
    await this.assertReferences(viewer, network.id, network.policeForceAreaId, input);
    return this.activity.transaction(async (tx, record) => {
      const { id } = await tx.save(
        tx.create(EngagementEntity, {
          networkId: network.id,
          kind: input.kind,
          occurredOn: input.occurredOn,
          summary: input.summary,
          officeParticipants: input.officeParticipants?.trim() || null,
          officeHolderId: input.officeHolderId ?? null,
          eventId: input.eventId ?? null,
          public: input.public ?? true,
          recordedByPersonId: viewer.personId ?? null,
        }),
      );
      const participants = [...new Set(input.participantOrganisationIds ?? [])];
      if (participants.length > 0) {
        await tx.insert(
          EngagementParticipantEntity,
          participants.map((organisationId) => ({ engagementId: id, organisationId })),
        );
      }
      const askIds: string[] = [];
      for (const [i, text] of asks.entries()) {
        askIds.push(
          (await tx.save(tx.create(EngagementAskEntity, { engagementId: id, ordinal: i + 1, text: text.trim() }))).id,
        );
      }
      const positionIds = [...new Set(input.positionIds ?? [])];
      if (positionIds.length > 0) {
        await tx.insert(
          EngagementPositionEntity,
          positionIds.map((positionId) => ({ engagementId: id, positionId })),
        );
      }
      const engagement = await tx.findOneByOrFail(EngagementEntity, { id });
      for (const commitment of input.commitments ?? []) {
        const askId = commitment.askNumber ? askIds[commitment.askNumber - 1] : null;
        await this.insertCommitment(tx, viewer, engagement, commitment, askId ?? null);
      }
      await noting(
        tx,
        record,
        engagement,
        this.noter(viewer),
      )(ActivityVerb.ENGAGEMENT_RECORDED, {
        kind: engagement.kind,
        occurredOn: engagement.occurredOn,
        asks: asks.length,
        commitments: input.commitments?.length ?? 0,
      });
      return engagement;
    });
  }

  /** Corrects the record (convenors), keeping its commitments due on or after it and its holder in office. */
  async correct(viewer: ActorRef, input: CorrectEngagementInput): Promise<EngagementEntity> {
    if (input.occurredOn && input.occurredOn > todayIn(UK_TIME_ZONE)) {
      throw DomainError.badInput(InfluencingRefusal.IN_THE_FUTURE, 'input.occurredOn', 'is in the future');
    }
    const target = {
      entity: EngagementEntity,
      id: input.engagementId,
      name: 'Engagement',
      missing: () => DomainError.unknown('input.engagementId', 'does not exist'),
    };
    return this.activity.transactionOn(target, async ({ tx, row: engagement, record }) => {
      await this.assertOpen(tx, engagement.networkId);
      const occurredOn = input.occurredOn ?? engagement.occurredOn;
      if (occurredOn !== engagement.occurredOn) {
        await assertStillBefore(tx, engagement, occurredOn);
      }
      const changes: Partial<EngagementEntity> = {
        kind: input.kind ?? engagement.kind,
        occurredOn,
        summary: input.summary ?? engagement.summary,
        officeParticipants:
          input.officeParticipants === undefined
            ? engagement.officeParticipants
            : input.officeParticipants?.trim() || null,
        public: input.public ?? engagement.public,
      };
      const changed = (Object.keys(changes) as (keyof EngagementEntity)[]).filter((k) => changes[k] !== engagement[k]);
      if (changed.length === 0) {
        record.unchanged();
        return engagement;
      }
      await tx.update(EngagementEntity, { id: engagement.id }, changes);
      const corrected = await tx.findOneByOrFail(EngagementEntity, { id: engagement.id });
      // A record going private is still announced to members only; one going public, to anyone.
      await noting(tx, record, corrected, this.noter(viewer))(ActivityVerb.ENGAGEMENT_CORRECTED, { changed });
      return corrected;
    });
  }

  async addCommitment(viewer: ActorRef, input: AddCommitmentInput): Promise<CommitmentEntity> {
    return this.activity.transaction(async (tx, record) => {
      const engagement = await tx.findOneBy(EngagementEntity, { id: input.engagementId });
      if (!engagement) {
        throw DomainError.unknown('input.engagementId', 'does not exist');
      }
      await this.assertOpen(tx, engagement.networkId);
      const asks = await tx.find(EngagementAskEntity, {
        where: { engagementId: engagement.id },
        order: { ordinal: 'ASC' },
      });
      assertCommitment(input, engagement.occurredOn, asks.length, 'input');
      const askId = input.askNumber ? asks[input.askNumber - 1].id : null;
      const commitment = await this.insertCommitment(tx, viewer, engagement, input, askId);
      await noting(
        tx,
        record,
        engagement,
        this.noter(viewer),
      )(ActivityVerb.COMMITMENT_ADDED, { commitmentId: commitment.id });
      return commitment;
    });
  }

  /** Moves a commitment's status, keeping the change (and its note) in its history. */
  async changeStatus(viewer: ActorRef, input: ChangeCommitmentStatusInput): Promise<CommitmentEntity> {
    const target = {
      entity: CommitmentEntity,
      id: input.commitmentId,
      name: 'Commitment',
      missing: () => DomainError.unknown('input.commitmentId', 'does not exist'),
    };
    return this.activity.transactionOn(target, async ({ tx, row: commitment, record }) => {
      const engagement = await tx.findOneByOrFail(EngagementEntity, { id: commitment.engagementId });
      await this.assertOpen(tx, engagement.networkId);
      if (commitment.status === input.status) {
        record.unchanged(); // a repeated report (a retry) changes nothing
        return commitment;
      }
      await tx.insert(CommitmentStatusChangeEntity, {
        commitmentId: commitment.id,
        fromStatus: commitment.status,
        toStatus: input.status,
        note: input.note?.trim() || null,
        changedByPersonId: viewer.personId ?? null,
      });
      await tx.update(CommitmentEntity, { id: commitment.id }, { status: input.status });
      await noting(
        tx,
        record,
        engagement,
        this.noter(viewer),
      )(ActivityVerb.COMMITMENT_STATUS_CHANGED, {
        commitmentId: commitment.id,
        from: commitment.status,
        to: input.status,
      });
      return tx.findOneByOrFail(CommitmentEntity, { id: commitment.id });
    });
  }

  /** New commitments and their news stop when the network closes (its record stays readable). */
  private async assertOpen(tx: EntityManager, networkId: string): Promise<void> {
    if ((await this.networks.statusIn(tx, networkId)) === NetworkStatus.CLOSED) {
      throw new DomainError(ErrorCode.CONFLICT, NetworkRefusal.NETWORK_CLOSED, 'The network is closed', [
        { field: 'input', message: 'its network is closed' },
      ]);
    }
  }

  /**
   * Engagements' noter: public engagements are news to anyone, private ones to the network's
   * members; in the feeds of the network and of its area. The event goes on the item only when
   * the event itself is public.
   */
  private noter(viewer: ActorRef): Noter<EngagementEntity> {
    return async (_tx, engagement, verb, payload) => {
      const [code, [event]] = await Promise.all([
        this.networks.areaCodeOf(engagement.networkId),
        engagement.eventId ? this.events.findByIds([engagement.eventId]) : Promise.resolve([]),
      ]);
      return {
        verb,
        visibility: engagement.public ? ActivityVisibility.PUBLIC : ActivityVisibility.NETWORK,
        actorPersonId: viewer.personId ?? null,
        networkId: engagement.networkId,
        policeForceAreaCode: code,
        eventId: event?.visibility === EventVisibility.PUBLIC ? engagement.eventId : null,
        payload: { engagementId: engagement.id, ...payload },
      };
    };
  }

  private async insertCommitment(
    tx: EntityManager,
    viewer: ActorRef,
    engagement: EngagementEntity,
    input: NewCommitmentInput,
    askId: string | null,
  ): Promise<CommitmentEntity> {
    const saved = await tx.save(
      tx.create(CommitmentEntity, {
        engagementId: engagement.id,
        askId,
        text: input.text,
        owner: input.owner,
        dueOn: input.dueOn,
        status: CommitmentStatus.OPEN,
      }),
    );
    await tx.insert(CommitmentStatusChangeEntity, {
      commitmentId: saved.id,
      fromStatus: null,
      toStatus: CommitmentStatus.OPEN,
      note: null,
      changedByPersonId: viewer.personId ?? null,
    });
    return tx.findOneByOrFail(CommitmentEntity, { id: saved.id });
  }

  /** Participants are active members; positions are the network's; the holder is of its area; the event is visible. */
  private async assertReferences(
    viewer: ActorRef,
    networkId: string,
    areaId: string,
    input: RecordEngagementInput,
  ): Promise<void> {
    const members = new Set(await this.networks.activeMembersOf(networkId));
    (input.participantOrganisationIds ?? []).forEach((id, i) => {
      if (!members.has(id)) {
        throw DomainError.badInput(
          NetworkRefusal.NOT_A_MEMBER,
          `input.participantOrganisationIds.${i}`,
          'is not an active member of the network',
        );
      }
    });
    const positionIds = input.positionIds ?? [];
    if (positionIds.length > 0) {
      const found = await this.positions.findByIds(positionIds);
      positionIds.forEach((id, i) => {
        if (found.find((p) => p.id === id)?.networkId !== networkId) {
          throw DomainError.unknown(`input.positionIds.${i}`, "is not one of the network's joint positions");
        }
      });
    }
    if (input.officeHolderId) {
      const holder = await this.db.manager.findOneBy(OfficeHolderEntity, { id: input.officeHolderId });
      if (holder?.policeForceAreaId !== areaId) {
        throw DomainError.badInput(
          InfluencingRefusal.NOT_IN_OFFICE,
          'input.officeHolderId',
          "is not an office-holder of the network's area",
        );
      }
      const { occurredOn } = input;
      if (!inOffice(holder, occurredOn)) {
        throw DomainError.badInput(
          InfluencingRefusal.NOT_IN_OFFICE,
          'input.officeHolderId',
          `was not in office on ${occurredOn}`,
        );
      }
    }
    if (input.eventId) {
      const event = await this.events.getVisible(viewer, input.eventId).catch(() => null);
      const ours =
        event !== null &&
        (event.networkId === networkId ||
          (event.visibility === EventVisibility.PUBLIC && event.policeForceAreaId === areaId));
      if (!ours) {
        throw DomainError.invalidInput('input.eventId', "is not the network's event or a public event in its area");
      }
    }
  }
}

/** A commitment is due on or after its engagement, and answers an ask that exists. */
function assertCommitment(input: NewCommitmentInput, occurredOn: string, asks: number, at: string): void {
  if (input.dueOn < occurredOn) {
    throw DomainError.invalidInput(`${at}.dueOn`, `is before the engagement (${occurredOn})`);
  }
  if (input.askNumber && input.askNumber > asks) {
    throw DomainError.invalidInput(`${at}.askNumber`, `must be from 1 to ${asks} (the asks made)`);
  }
}

/** Whether the holder's term (start inclusive, end exclusive, as governance periods) covers the day. */
const inOffice = (holder: OfficeHolderEntity, day: string): boolean =>
  periodOn([{ since: holder.termStart, until: holder.termEnd }], day) !== null;

/** A new date must not fall after a commitment's due date, nor outside the named holder's term. */
async function assertStillBefore(tx: EntityManager, engagement: EngagementEntity, occurredOn: string): Promise<void> {
  const [due] = await tx.query<{ earliest: string | null }[]>(
    `SELECT to_char(min(due_on), 'YYYY-MM-DD') AS earliest FROM commitment WHERE engagement_id = $1`,
    [engagement.id],
  );
  if (due?.earliest && due.earliest < occurredOn) {
    throw DomainError.invalidInput('input.occurredOn', `is after a commitment falls due (${due.earliest})`);
  }
  if (engagement.officeHolderId) {
    const holder = await tx.findOneBy(OfficeHolderEntity, { id: engagement.officeHolderId });
    if (holder && !inOffice(holder, occurredOn)) {
      throw DomainError.badInput(
        InfluencingRefusal.NOT_IN_OFFICE,
        'input.occurredOn',
        'is outside the term of the office-holder who took part',
      );
    }
  }
}
