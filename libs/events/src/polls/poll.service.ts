import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility, type RecordActivity } from '@app/activity';
import { type ActorRef, DomainError, ErrorCode } from '@app/common';
import { NetworkService, NetworkStatus } from '@app/networks';
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

export interface SlotTally {
  readonly slotId: string;
  readonly yes: number;
  readonly ifNeedBe: number;
  readonly no: number;
}

export interface PollConfirmation extends EventOutcome {
  readonly poll: SchedulingPollEntity;
}

/**
 * "Find a time": a network's convenors propose slots, members answer for their organisations,
 * and confirming a slot creates the event in the same transaction. Who may run each flow is
 * decided by the operation policy; membership of the network is checked here.
 */
@Injectable()
export class PollService {
  constructor(
    @InjectRepository(SchedulingPollEntity) private readonly polls: Repository<SchedulingPollEntity>,
    @InjectRepository(PollSlotEntity) private readonly slots: Repository<PollSlotEntity>,
    @InjectRepository(PollAnswerEntity) private readonly answers: Repository<PollAnswerEntity>,
    private readonly activity: ActivityRecorder,
    private readonly events: EventService,
    private readonly flows: EventFlowsService,
    private readonly networks: NetworkService,
  ) {}

  /** A poll the viewer may see (members of its network, platform admins); NOT_FOUND otherwise. */
  async getVisible(viewer: ActorRef, id: string): Promise<SchedulingPollEntity> {
    const access = await this.events.accessOf(viewer);
    const poll = await this.polls.findOneBy({ id });
    if (!poll || !(access.platformAdmin || access.networkIds.has(poll.networkId))) {
      throw DomainError.notFound('Scheduling poll', id);
    }
    return poll;
  }

  async listVisible(viewer: ActorRef, networkId: string): Promise<SchedulingPollEntity[]> {
    const access = await this.events.accessOf(viewer);
    if (!(access.platformAdmin || access.networkIds.has(networkId))) {
      return [];
    }
    return this.polls.find({ where: { networkId }, order: { createdAt: 'DESC' } });
  }

  slotsOf(pollIds: readonly string[]): Promise<PollSlotEntity[]> {
    return this.slots
      .createQueryBuilder('s')
      .where('s.poll_id = ANY(:pollIds)', { pollIds })
      .orderBy('s.starts_at')
      .addOrderBy('s.id')
      .getMany();
  }

  /** Answers to these polls' slots, with the poll each belongs to, oldest first. */
  async answersOf(pollIds: readonly string[]): Promise<(PollAnswerEntity & { pollId: string })[]> {
    const [slots, answers] = await Promise.all([
      this.slotsOf(pollIds),
      this.answers
        .createQueryBuilder('a')
        .innerJoin(PollSlotEntity, 's', 's.id = a.slot_id')
        .where('s.poll_id = ANY(:pollIds)', { pollIds })
        .orderBy('a.answered_at')
        .addOrderBy('a.id')
        .getMany(),
    ]);
    const pollOf = new Map(slots.map((s) => [s.id, s.pollId]));
    return answers.map((a) => Object.assign(a, { pollId: pollOf.get(a.slotId) ?? '' }));
  }

  /** Answers per slot of each poll asked, in slot order; one statement. */
  async talliesOf(pollIds: readonly string[]): Promise<SlotTally[][]> {
    const rows = await this.slots.query<
      { poll_id: string; slot_id: string; yes: number; if_need_be: number; no: number }[]
    >(
      `SELECT s.poll_id, s.id AS slot_id,
              count(*) FILTER (WHERE a.answer = 'YES')::int AS yes,
              count(*) FILTER (WHERE a.answer = 'IF_NEED_BE')::int AS if_need_be,
              count(*) FILTER (WHERE a.answer = 'NO')::int AS no
         FROM scheduling_poll_slot s
         LEFT JOIN scheduling_poll_answer a ON a.slot_id = s.id
        WHERE s.poll_id = ANY($1)
        GROUP BY s.poll_id, s.id, s.starts_at
        ORDER BY s.starts_at, s.id`,
      [pollIds],
    );
    return pollIds.map((id) =>
      rows
        .filter((r) => r.poll_id === id)
        .map((r) => ({ slotId: r.slot_id, yes: r.yes, ifNeedBe: r.if_need_be, no: r.no })),
    );
  }

  async tally(pollId: string): Promise<SlotTally[]> {
    return (await this.talliesOf([pollId]))[0] ?? [];
  }

  async create(viewer: ActorRef, input: CreateSchedulingPollInput, now = new Date()): Promise<SchedulingPollEntity> {
    const timeZone = readTimeZone(input.timeZone ?? DEFAULT_TIME_ZONE, 'input.timeZone');
    const slots = input.slots.map((slot, i) => slotFrom(slot.start, slot.end, timeZone, `input.slots.${i}`, now));
    const starts = new Set(slots.map((s) => s.startsAt.getTime()));
    if (starts.size !== slots.length) {
      throw DomainError.badInput('input.slots', 'two slots start at the same time');
    }
    const network = await this.networks.getById(input.networkId).catch(() => {
      throw DomainError.badInput('input.networkId', 'is not a network');
    });
    if (network.status === NetworkStatus.CLOSED) {
      throw new DomainError(ErrorCode.CONFLICT, `${network.name} is closed`, [
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
          createdByPersonId: viewer.personId ?? null,
        }),
      );
      await tx.insert(
        PollSlotEntity,
        slots.map((s) => ({ pollId: id, startsAt: s.startsAt, endsAt: s.endsAt })),
      );
      const poll = await tx.findOneByOrFail(SchedulingPollEntity, { id });
      await note(record, poll, viewer, ActivityVerb.POLL_CREATED, { slots: slots.length });
      return poll;
    });
  }

  /** Replaces the person's answers (for their organisation) to the slots named. */
  async answer(viewer: ActorRef, input: AnswerSchedulingPollInput): Promise<SchedulingPollEntity> {
    const personId = viewer.personId;
    if (!personId) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Only a signed-in person can answer');
    }
    const poll = await this.getVisible(viewer, input.pollId);
    if (!(await this.networks.isActiveMember(input.organisationId, poll.networkId))) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Only active members of the network can answer its polls', [
        { field: 'input.organisationId', message: 'is not an active member of the network' },
      ]);
    }
    const slotIds = new Set((await this.slotsOf([poll.id])).map((s) => s.id));
    const answered = new Set<string>();
    input.answers.forEach((a, i) => {
      if (!slotIds.has(a.slotId)) {
        throw DomainError.badInput(`input.answers.${i}.slotId`, 'is not a slot of this poll');
      }
      if (answered.has(a.slotId)) {
        throw DomainError.badInput(`input.answers.${i}.slotId`, 'is answered twice');
      }
      answered.add(a.slotId);
    });
    return this.activity.transaction(async (tx, record) => {
      const locked = await this.lockOpen(tx, poll.id, 'answered');
      await tx.upsert(
        PollAnswerEntity,
        input.answers.map((a) => ({
          slotId: a.slotId,
          personId,
          organisationId: input.organisationId,
          answer: a.answer,
          answeredAt: new Date(),
        })),
        ['slotId', 'personId'],
      );
      await note(record, locked, viewer, ActivityVerb.POLL_ANSWERED, { answers: input.answers.length });
      return locked;
    });
  }

  /** Confirms a slot: the poll closes and the network's event is created, in one transaction. */
  async confirm(viewer: ActorRef, input: ConfirmSchedulingPollInput, now = new Date()): Promise<PollConfirmation> {
    const access = await this.events.accessOf(viewer);
    return this.activity.transaction(async (tx, record) => {
      const poll = await this.lockOpen(tx, input.pollId, 'confirmed');
      const slot = await tx.findOneBy(PollSlotEntity, { id: input.slotId, pollId: poll.id });
      if (!slot) {
        throw DomainError.badInput('input.slotId', 'is not a slot of this poll');
      }
      if (slot.startsAt <= now) {
        throw DomainError.badInput('input.slotId', 'has already started: propose a new time');
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
      await note(record, confirmed, viewer, ActivityVerb.POLL_CONFIRMED, {
        slotId: slot.id,
        eventId: outcome.event.id,
        startsAt: slot.startsAt.toISOString(),
      });
      return { ...outcome, poll: confirmed };
    });
  }

  close(viewer: ActorRef, input: CloseSchedulingPollInput): Promise<SchedulingPollEntity> {
    return this.activity.transaction(async (tx, record) => {
      const poll = await this.lockOpen(tx, input.pollId, 'closed');
      await tx.update(SchedulingPollEntity, { id: poll.id }, { status: PollStatus.CLOSED });
      const closed = await tx.findOneByOrFail(SchedulingPollEntity, { id: poll.id });
      await note(record, closed, viewer, ActivityVerb.POLL_CLOSED, { reason: input.reason ?? null });
      return closed;
    });
  }

  /** The poll, locked; CONFLICT unless it is still open (a confirmation and an answer cannot cross). */
  private async lockOpen(tx: EntityManager, pollId: string, what: string): Promise<SchedulingPollEntity> {
    const poll = await tx
      .createQueryBuilder(SchedulingPollEntity, 'p')
      .setLock('pessimistic_write')
      .where('p.id = :pollId', { pollId })
      .getOne();
    if (!poll) {
      throw DomainError.notFound('Scheduling poll', pollId);
    }
    if (poll.status !== PollStatus.OPEN) {
      throw new DomainError(ErrorCode.CONFLICT, `The poll is ${poll.status} and cannot be ${what}`, [
        { field: 'input.pollId', message: `is ${poll.status}` },
      ]);
    }
    return poll;
  }
}

/** Poll activity is for the network's members: who answered what stays among them. */
function note(
  record: RecordActivity,
  poll: SchedulingPollEntity,
  viewer: ActorRef,
  verb: ActivityVerb,
  payload: Record<string, unknown>,
): Promise<void> {
  return record({
    verb,
    visibility: ActivityVisibility.NETWORK,
    actorPersonId: viewer.personId ?? null,
    networkId: poll.networkId,
    payload: { pollId: poll.id, poll: poll.title, ...payload },
  });
}
