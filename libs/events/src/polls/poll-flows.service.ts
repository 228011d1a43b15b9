import { Injectable } from '@nestjs/common';
import { ActivityRecorder, ActivityVerb, ActivityVisibility, type Locked, type Noter, noting } from '@app/activity';
import { type ActorRef, DomainError, ErrorCode, CommonRefusal } from '@app/common';
import { MembershipRole, NetworkService, NetworkStatus, NetworkRefusal } from '@app/networks';
import { EventFlowsService, type EventOutcome } from '../event-flows.service';
import { EventVisibility } from '../event.enums';
import { EventService } from '../event.service';
import { DEFAULT_TIME_ZONE, readTimeZone, slotFrom } from '../schedule';
import type {
  AnswerSchedulingPollInput,
  CloseSchedulingPollInput,
  ConfirmSchedulingPollInput,
  CreateSchedulingPollInput,
} from './poll.input';
import { PollAnswerEntity, PollSlotEntity, SchedulingPollEntity } from './poll.entities';
import { PollStatus } from './poll.enums';
import { PollService } from './poll.service';
import { EventRefusal } from '../events.errors';

export interface PollConfirmation extends EventOutcome {
  readonly poll: SchedulingPollEntity;
}

/**
 * "Find a time": a network's convenors propose slots, members answer for their organisations,
 * and confirming a slot creates the event in the same transaction. Each change to a poll locks
 * its row. Who may run each flow is decided by the operation policy; membership of the network
 * is checked here.
 */
@Injectable()
export class PollFlowsService {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly polls: PollService,
    private readonly events: EventService,
    private readonly flows: EventFlowsService,
    private readonly networks: NetworkService,
  ) {}

  async create(viewer: ActorRef, input: CreateSchedulingPollInput, now = new Date()): Promise<SchedulingPollEntity> {
    const timeZone = readTimeZone(input.timeZone ?? DEFAULT_TIME_ZONE, 'input.timeZone');
    const slots = input.slots.map((slot, i) => slotFrom(slot.start, slot.end, timeZone, `input.slots.${i}`, now));
    const deadline = input.deadline ?? null;
    if (deadline && deadline <= now) {
      throw DomainError.badInput(
        EventRefusal.IN_THE_PAST,
        'input.deadline',
        'is in the past: give a time answers are still open until',
      );
    }
    const starts = new Set(slots.map((s) => s.startsAt.getTime()));
    if (starts.size !== slots.length) {
      throw DomainError.invalidInput('input.slots', 'two slots start at the same time');
    }
    const network = await this.networks.getById(input.networkId).catch(() => {
      throw DomainError.unknown('input.networkId', 'is not a network');
    });
    if (network.status === NetworkStatus.CLOSED) {
      throw new DomainError(ErrorCode.CONFLICT, NetworkRefusal.NETWORK_CLOSED, `${network.name} is closed`, [
        { field: 'input.networkId', message: 'is closed' },
      ]);
    }
    return this.activity.transaction(async (tx, record) => {
      const { id } = await tx.save(
        tx.create(SchedulingPollEntity, {
          networkId: network.id,
          title: input.title,
          description: input.description ?? null,
          kind: input.kind,
          timeZone,
          deadline,
          createdByPersonId: viewer.personId ?? null,
        }),
      );
      await tx.insert(
        PollSlotEntity,
        slots.map((s) => ({ pollId: id, startsAt: s.startsAt, endsAt: s.endsAt })),
      );
      const poll = await tx.findOneByOrFail(SchedulingPollEntity, { id });
      await noting(tx, record, poll, pollNoter(viewer))(ActivityVerb.POLL_CREATED, { slots: slots.length });
      return poll;
    });
  }

  /**
   * Replaces the organisation's answers to the slots named: one answer per member organisation,
   * whoever of its people gave it last. Observers follow a poll but do not answer it.
   */
  async answer(viewer: ActorRef, input: AnswerSchedulingPollInput, now = new Date()): Promise<SchedulingPollEntity> {
    const personId = viewer.personId;
    if (!personId) {
      throw new DomainError(ErrorCode.FORBIDDEN, CommonRefusal.NOT_A_PERSON, 'Only a signed-in person can answer');
    }
    const poll = await this.polls.getVisible(viewer, input.pollId);
    const role = await this.networks.activeRoleOf(input.organisationId, poll.networkId);
    if (!role) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        NetworkRefusal.NOT_A_MEMBER,
        'Only active members of the network can answer its polls',
        [{ field: 'input.organisationId', message: 'is not an active member of the network' }],
      );
    }
    if (role === MembershipRole.OBSERVER) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        EventRefusal.OBSERVER_CANNOT_ANSWER,
        'An observer organisation sees the poll but does not answer it: answer for a member organisation',
        [{ field: 'input.organisationId', message: 'is an observer of the network' }],
      );
    }
    const slotIds = new Set((await this.polls.slotsOf([poll.id])).map((s) => s.id));
    const answered = new Set<string>();
    input.answers.forEach((a, i) => {
      if (!slotIds.has(a.slotId)) {
        throw DomainError.unknown(`input.answers.${i}.slotId`, 'is not a slot of this poll');
      }
      if (answered.has(a.slotId)) {
        throw DomainError.invalidInput(`input.answers.${i}.slotId`, 'is answered twice');
      }
      answered.add(a.slotId);
    });
    return this.onOpenPoll(viewer, poll.id, 'answered', async ({ tx, row: locked, note }) => {
      if (locked.deadline && locked.deadline <= now) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          EventRefusal.POLL_DEADLINE_PASSED,
          `Answers to this poll closed at its deadline (${locked.deadline.toISOString()}); ask its convenors`,
          [{ field: 'input.pollId', message: 'is past its deadline' }],
        );
      }
      await tx.upsert(
        PollAnswerEntity,
        input.answers.map((a) => ({
          slotId: a.slotId,
          personId,
          organisationId: input.organisationId,
          answer: a.answer,
          answeredAt: new Date(),
        })),
        ['slotId', 'organisationId'],
      );
      await note(ActivityVerb.POLL_ANSWERED, { answers: input.answers.length, organisationId: input.organisationId });
      return locked;
    });
  }

  /** Confirms a slot: the poll closes and the network's event is created, in one transaction. */
  async confirm(viewer: ActorRef, input: ConfirmSchedulingPollInput, now = new Date()): Promise<PollConfirmation> {
    const access = await this.events.accessOf(viewer);
    return this.onOpenPoll(viewer, input.pollId, 'confirmed', async ({ tx, row: poll, record }) => {
      const slot = await tx.findOneBy(PollSlotEntity, { id: input.slotId, pollId: poll.id });
      if (!slot) {
        throw DomainError.unknown('input.slotId', 'is not a slot of this poll');
      }
      if (slot.startsAt <= now) {
        throw DomainError.badInput(EventRefusal.IN_THE_PAST, 'input.slotId', 'has already started: propose a new time');
      }
      const outcome = await this.flows.insert(
        tx,
        record,
        viewer,
        {
          networkId: poll.networkId,
          organiserOrganisationId: null,
          policeForceAreaId: (await this.networks.getById(poll.networkId)).policeForceAreaId,
          kind: poll.kind,
          title: poll.title,
          description: input.description ?? poll.description,
          venue: input.venue ?? null,
          address: input.address ?? null,
          onlineUrl: input.onlineUrl ?? null,
          capacity: input.capacity ?? null,
          visibility: input.visibility ?? EventVisibility.NETWORK,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          timeZone: poll.timeZone,
          allDay: false,
          recurrenceRule: null,
        },
        access,
      );
      await tx.update(
        SchedulingPollEntity,
        { id: poll.id },
        { status: PollStatus.CONFIRMED, confirmedSlotId: slot.id, eventId: outcome.event.id },
      );
      const confirmed = await tx.findOneByOrFail(SchedulingPollEntity, { id: poll.id });
      await noting(
        tx,
        record,
        confirmed,
        pollNoter(viewer),
      )(ActivityVerb.POLL_CONFIRMED, {
        slotId: slot.id,
        eventId: outcome.event.id,
        startsAt: slot.startsAt.toISOString(),
      });
      return { ...outcome, poll: confirmed };
    });
  }

  close(viewer: ActorRef, input: CloseSchedulingPollInput): Promise<SchedulingPollEntity> {
    return this.onOpenPoll(viewer, input.pollId, 'closed', async ({ tx, row: poll, record }) => {
      await tx.update(SchedulingPollEntity, { id: poll.id }, { status: PollStatus.CLOSED });
      const closed = await tx.findOneByOrFail(SchedulingPollEntity, { id: poll.id });
      await noting(tx, record, closed, pollNoter(viewer))(ActivityVerb.POLL_CLOSED, { reason: input.reason ?? null });
      return closed;
    });
  }

  /**
   * Runs `work` on the poll, locked, in one activity transaction; CONFLICT unless it is still
   * open (a confirmation and an answer cannot cross).
   */
  private onOpenPoll<T>(
    viewer: ActorRef,
    pollId: string,
    what: string,
    work: (locked: Locked<SchedulingPollEntity>) => Promise<T>,
  ): Promise<T> {
    const target = { entity: SchedulingPollEntity, id: pollId, name: 'Scheduling poll', noter: pollNoter(viewer) };
    return this.activity.transactionOn(target, (locked) => {
      const poll = locked.row;
      if (poll.status !== PollStatus.OPEN) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          EventRefusal.POLL_NOT_OPEN,
          `The poll is ${poll.status} and cannot be ${what}`,
          [{ field: 'input.pollId', message: `is ${poll.status}` }],
        );
      }
      return work(locked);
    });
  }
}

/** Poll activity is for the network's members: who answered what stays among them. */
const pollNoter =
  (viewer: ActorRef): Noter<SchedulingPollEntity> =>
  (_tx, poll, verb, payload) => ({
    verb,
    visibility: ActivityVisibility.NETWORK,
    actorPersonId: viewer.personId ?? null,
    networkId: poll.networkId,
    payload: { pollId: poll.id, poll: poll.title, ...payload },
  });
