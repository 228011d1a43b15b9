import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActivityRecorder, ActivityVerb, type Locked, noting, type RecordActivity } from '@app/activity';
import { type ActorRef, DomainError, ErrorCode, refusedMove, CommonRefusal } from '@app/common';
import { PositionService } from '@app/drafting';
import { PoliceForceAreaService } from '@app/geography';
import { NetworkService, NetworkStatus, NetworkRefusal } from '@app/networks';
import { OrganisationService, OrganisationStatus, OrganisationRefusal } from '@app/organisations';
import { carryAnswers, type CarriedException, carryExceptions } from './carry-answers';
import { findClashes } from './clashes';
import { EventActivity } from './event-activity';
import type { EventAccess } from './event-access';
import type {
  ChangeEventStatusInput,
  ChangeOccurrenceInput,
  CreateEventInput,
  RecordEventMinutesInput,
  RescheduleEventInput,
  SetEventAgendaInput,
  UpdateEventInput,
} from './dto/event-mutations.input';
import { EventAgendaItemEntity, EventEntity, EventOccurrenceChangeEntity } from './event.entities';
import { EVENT_STATUS_MOVES, EventStatus, EventVisibility, ExceptionOutcome } from './event.enums';
import type { EventClash } from './event.model';
import { EventService } from './event.service';
import { ReminderPlanner } from './reminders/reminder-planner';
import { fillPlaces, notePromotions } from './fill-places';
import { isOriginalStart, type Schedule, scheduleFrom } from './schedule';
import { EventRefusal } from './events.errors';

/** A new event, checked: everything but what the database fills in. */
export type EventDraft = Pick<
  EventEntity,
  | 'networkId'
  | 'organiserOrganisationId'
  | 'policeForceAreaId'
  | 'kind'
  | 'title'
  | 'description'
  | 'venue'
  | 'address'
  | 'onlineUrl'
  | 'capacity'
  | 'visibility'
> &
  Schedule;

export interface EventOutcome {
  readonly event: EventEntity;
  readonly clashes: EventClash[];
}

export interface RescheduleOutcome extends EventOutcome {
  readonly exceptions: CarriedException[];
}

/**
 * Scheduling flows. Each change locks the event row, bumps its iCalendar SEQUENCE, and appends
 * activity and plans the next reminder in the same transaction. Who may run them is
 * decided by the operation policy (the organisers) before they are called.
 */
@Injectable()
export class EventFlowsService {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly events: EventService,
    private readonly networks: NetworkService,
    private readonly organisations: OrganisationService,
    private readonly areas: PoliceForceAreaService,
    private readonly reminders: ReminderPlanner,
    private readonly eventActivity: EventActivity,
    private readonly positions: PositionService,
  ) {}

  async create(actor: ActorRef, input: CreateEventInput, now = new Date()): Promise<EventOutcome> {
    const draft = await this.draft(input, now);
    const access = await this.events.accessOf(actor);
    return this.activity.transaction((tx, record) => this.insert(tx, record, actor, draft, access));
  }

  /** A new event from its input, checked, ready for `insert`. */
  async draft(input: CreateEventInput, now = new Date()): Promise<EventDraft> {
    const organiser = await this.organiserOf(input);
    const visibility = input.visibility ?? (input.networkId ? EventVisibility.NETWORK : EventVisibility.PUBLIC);
    if (visibility === EventVisibility.NETWORK && !input.networkId) {
      throw DomainError.badInput(
        EventRefusal.MEMBERS_ONLY_NEEDS_NETWORK,
        'input.visibility',
        'only a network event can be for its members only',
      );
    }
    return {
      ...organiser,
      ...scheduleFrom(input, 'input', now),
      kind: input.kind,
      title: input.title,
      description: input.description ?? null,
      venue: input.venue ?? null,
      address: input.address ?? null,
      onlineUrl: input.onlineUrl ?? null,
      capacity: input.capacity ?? null,
      visibility,
    };
  }

  /** Writes a new event in the caller's transaction (e.g. a poll's confirmation), with its activity and reminder. */
  async insert(
    tx: EntityManager,
    record: RecordActivity,
    actor: ActorRef,
    draft: EventDraft,
    access: EventAccess,
  ): Promise<EventOutcome> {
    const { id } = await tx.save(tx.create(EventEntity, { ...draft, createdByPersonId: actor.personId ?? null }));
    const event = await tx.findOneByOrFail(EventEntity, { id });
    await noting(
      tx,
      record,
      event,
      this.eventActivity.noter(actor.personId ?? null),
    )(ActivityVerb.EVENT_CREATED, {
      kind: event.kind,
      startsAt: event.startsAt.toISOString(),
      recurring: event.recurrenceRule !== null,
    });
    await this.reminders.plan(tx, event);
    return { event, clashes: await findClashes(tx, event, access) };
  }

  update(actor: ActorRef, input: UpdateEventInput): Promise<EventOutcome> {
    return this.changeEvent(actor, input.eventId, async ({ tx, row: event, note, record }) => {
      assertNotOver(event, 'changed');
      if (input.visibility === EventVisibility.NETWORK && !event.networkId) {
        throw DomainError.badInput(
          EventRefusal.MEMBERS_ONLY_NEEDS_NETWORK,
          'input.visibility',
          'only a network event can be for its members only',
        );
      }
      const changes: Partial<EventEntity> = {};
      for (const key of [
        'title',
        'description',
        'kind',
        'venue',
        'address',
        'onlineUrl',
        'capacity',
        'visibility',
      ] as const) {
        if (input[key] !== undefined && input[key] !== event[key]) {
          Object.assign(changes, { [key]: input[key] });
        }
      }
      if (Object.keys(changes).length === 0) {
        return null;
      }
      if (changes.capacity !== undefined && changes.capacity !== null) {
        await assertPlacesFit(tx, event, changes.capacity);
      }
      await tx.update(EventEntity, { id: event.id }, { ...changes, sequence: event.sequence + 1 });
      const promoted = 'capacity' in changes ? await fillPlaces(tx, { ...event, ...changes }) : [];
      await note(ActivityVerb.EVENT_UPDATED, {
        changed: Object.keys(changes),
        promotedFromWaitlist: promoted.length,
      });
      await notePromotions(record, { ...event, ...changes }, promoted, actor.personId ?? null);
      return 'capacity' in changes || 'kind' in changes ? 'clashes' : 'done';
    });
  }

  async reschedule(actor: ActorRef, input: RescheduleEventInput, now = new Date()): Promise<RescheduleOutcome> {
    const schedule = scheduleFrom(input, 'input', now);
    let exceptions: CarriedException[] = [];
    const outcome = await this.changeEvent(actor, input.eventId, async ({ tx, row: event, note }) => {
      assertNotOver(event, 'rescheduled');
      if (sameSchedule(event, schedule) && event.status === EventStatus.SCHEDULED) {
        return null;
      }
      const seriesChanged =
        event.recurrenceRule !== schedule.recurrenceRule ||
        event.timeZone !== schedule.timeZone ||
        event.startsAt.getTime() !== schedule.startsAt.getTime();
      // Exceptions and answers follow their local day to the new schedule's occurrence (every
      // exception is reported, KEPT when its occurrence is unchanged).
      exceptions = await carryExceptions(tx, event.id, event, schedule);
      const answers = seriesChanged ? await carryAnswers(tx, event.id, event, schedule, now) : { kept: 0, dropped: 0 };
      await tx.update(
        EventEntity,
        { id: event.id },
        { ...schedule, status: EventStatus.SCHEDULED, statusReason: null, sequence: event.sequence + 1 },
      );
      const named = (outcome: ExceptionOutcome) =>
        exceptions
          .filter((e) => e.outcome === outcome)
          .map((e) => ({
            occurrence: e.originalStart.toISOString(),
            change: e.cancelled ? 'CANCELLED' : 'MOVED',
            to: e.newOriginalStart?.toISOString() ?? null,
          }));
      await note(ActivityVerb.EVENT_RESCHEDULED, {
        from: event.startsAt.toISOString(),
        to: schedule.startsAt.toISOString(),
        recurrenceRule: schedule.recurrenceRule,
        wasPostponed: event.status === EventStatus.POSTPONED,
        answersCarried: answers.kept,
        answersDropped: answers.dropped,
        exceptionsKept: named(ExceptionOutcome.KEPT),
        exceptionsMoved: named(ExceptionOutcome.MOVED),
        exceptionsDropped: named(ExceptionOutcome.DROPPED),
      });
      return 'clashes';
    });
    return { ...outcome, exceptions };
  }

  changeStatus(actor: ActorRef, input: ChangeEventStatusInput, now = new Date()): Promise<EventOutcome> {
    return this.changeEvent(actor, input.eventId, async ({ tx, row: event, note }) => {
      if (!EVENT_STATUS_MOVES[event.status].includes(input.status)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          CommonRefusal.INVALID_STATUS_MOVE,
          refusedMove('event', event.status, input.status, EVENT_STATUS_MOVES[event.status]) +
            (input.status === EventStatus.SCHEDULED ? ' (to schedule it again, reschedule it)' : ''),
          [{ field: 'input.status', message: `not allowed from ${event.status}` }],
        );
      }
      if (input.status === EventStatus.SCHEDULED) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          EventRefusal.RESCHEDULE_INSTEAD,
          'A postponed event is scheduled again by rescheduling it',
          [{ field: 'input.status', message: 'use rescheduleEvent' }],
        );
      }
      if (input.status === EventStatus.COMPLETED && event.startsAt > now) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          EventRefusal.EVENT_NOT_STARTED,
          'An event cannot be completed before it has started',
          [{ field: 'input.status', message: 'the event has not started' }],
        );
      }
      await tx.update(
        EventEntity,
        { id: event.id },
        { status: input.status, statusReason: input.reason ?? null, sequence: event.sequence + 1 },
      );
      await note(ActivityVerb.EVENT_STATUS_CHANGED, {
        from: event.status,
        to: input.status,
        reason: input.reason ?? null,
      });
      return 'done';
    });
  }

  changeOccurrence(actor: ActorRef, input: ChangeOccurrenceInput, now = new Date()): Promise<EventOutcome> {
    const moving = input.start !== undefined || input.end !== undefined;
    if ([input.cancel === true, input.restore === true, moving].filter(Boolean).length !== 1) {
      throw DomainError.invalidInput('input', 'give exactly one of: cancel, restore, or a new start and end');
    }
    if (moving && (input.start === undefined || input.end === undefined)) {
      throw DomainError.invalidInput(
        input.start === undefined ? 'input.start' : 'input.end',
        'give both start and end',
      );
    }
    return this.changeEvent(actor, input.eventId, async ({ tx, row: event, note }) => {
      assertNotOver(event, 'changed');
      if (!event.recurrenceRule) {
        throw DomainError.invalidInput('input.eventId', 'the event does not recur: reschedule or cancel it instead');
      }
      if (!isOriginalStart(event, input.occurrenceStart)) {
        throw DomainError.invalidInput(
          'input.occurrenceStart',
          'is not an occurrence of the event (use its originalStart)',
        );
      }
      const key = { eventId: event.id, originalStart: input.occurrenceStart };
      let clashesAt: Date | null; // where the occurrence now is, when that may overlap others
      if (input.restore) {
        const { affected } = await tx.delete(EventOccurrenceChangeEntity, key);
        if (!affected) {
          return null;
        }
        clashesAt = input.occurrenceStart;
      } else {
        const moved = moving
          ? scheduleFrom(
              { start: input.start ?? '', end: input.end ?? '', timeZone: event.timeZone, allDay: event.allDay },
              'input',
              now,
            )
          : null;
        await tx.upsert(
          EventOccurrenceChangeEntity,
          {
            ...key,
            cancelled: !moved,
            startsAt: moved?.startsAt ?? null,
            endsAt: moved?.endsAt ?? null,
            reason: input.reason ?? null,
            changedByPersonId: actor.personId ?? null,
            changedAt: new Date(),
          },
          ['eventId', 'originalStart'],
        );
        clashesAt = moved?.startsAt ?? null;
      }
      await tx.update(EventEntity, { id: event.id }, { sequence: event.sequence + 1 });
      await note(ActivityVerb.EVENT_OCCURRENCE_CHANGED, {
        occurrence: input.occurrenceStart.toISOString(),
        change: input.restore ? 'RESTORED' : input.cancel ? 'CANCELLED' : 'MOVED',
        reason: input.reason ?? null,
      });
      return clashesAt ? { clashesAt } : 'done';
    });
  }

  setAgenda(actor: ActorRef, input: SetEventAgendaInput): Promise<EventOutcome> {
    return this.changeEvent(actor, input.eventId, async ({ tx, row: event, note }) => {
      assertNotOver(event, 'given a new agenda', [EventStatus.CANCELLED]);
      const linked = input.items.map((item) => item.jointPositionId).filter((id): id is string => Boolean(id));
      const own = event.networkId ? await this.positions.ofNetwork(tx, event.networkId, linked) : new Set<string>();
      input.items.forEach((item, i) => {
        if (item.jointPositionId && !own.has(item.jointPositionId)) {
          throw DomainError.invalidInput(
            `input.items.${i}.jointPositionId`,
            "is not a joint position of the event's network",
          );
        }
      });
      await tx.delete(EventAgendaItemEntity, { eventId: event.id });
      if (input.items.length) {
        await tx.insert(
          EventAgendaItemEntity,
          input.items.map((item, i) => ({
            eventId: event.id,
            position: i + 1,
            title: item.title,
            description: item.description ?? null,
            jointPositionId: item.jointPositionId ?? null,
          })),
        );
      }
      await tx.update(EventEntity, { id: event.id }, { sequence: event.sequence + 1 });
      await note(ActivityVerb.EVENT_AGENDA_SET, { items: input.items.length });
      return 'done';
    });
  }

  recordMinutes(actor: ActorRef, input: RecordEventMinutesInput, now = new Date()): Promise<EventOutcome> {
    return this.changeEvent(actor, input.eventId, async ({ tx, row: event, note }) => {
      if (event.status === EventStatus.CANCELLED || event.startsAt > now) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          EventRefusal.EVENT_NOT_STARTED,
          'Minutes are recorded once an event has taken place',
          [
            {
              field: 'input.eventId',
              message: event.status === EventStatus.CANCELLED ? 'is cancelled' : 'has not started',
            },
          ],
        );
      }
      await tx.update(
        EventEntity,
        { id: event.id },
        { minutes: input.minutes, minutesRecordedAt: now, sequence: event.sequence + 1 },
      );
      await note(ActivityVerb.EVENT_MINUTES_RECORDED, { length: input.minutes.length });
      return 'done';
    });
  }

  /**
   * Runs a change on a locked event and plans its next reminder in the same transaction. `work`
   * returns null when nothing changed (no activity, no SEQUENCE bump), 'clashes' when the times
   * may now overlap others (`clashesAt`: only the one occurrence starting then).
   */
  private async changeEvent(
    actor: ActorRef,
    eventId: string,
    work: (locked: Locked<EventEntity>) => Promise<'done' | 'clashes' | { clashesAt: Date } | null>,
  ): Promise<EventOutcome> {
    const access = await this.events.accessOf(actor);
    const target = {
      entity: EventEntity,
      id: eventId,
      name: 'Event',
      noter: this.eventActivity.noter(actor.personId ?? null),
    };
    return this.activity.transactionOn(target, async (locked) => {
      const { tx, row: event, record } = locked;
      const result = await work(locked);
      if (result === null) {
        record.unchanged();
        return { event, clashes: [] };
      }
      const changed = await tx.findOneByOrFail(EventEntity, { id: eventId });
      await this.reminders.plan(tx, changed);
      const clashes =
        result === 'done'
          ? []
          : await findClashes(tx, changed, access, result === 'clashes' ? undefined : result.clashesAt);
      return { event: changed, clashes };
    });
  }

  private async organiserOf(
    input: CreateEventInput,
  ): Promise<Pick<EventEntity, 'networkId' | 'organiserOrganisationId' | 'policeForceAreaId'>> {
    if (Boolean(input.networkId) === Boolean(input.organiserOrganisationId)) {
      throw DomainError.invalidInput('input.networkId', 'give either a network or an organiser organisation');
    }
    if (input.networkId) {
      if (input.policeForceAreaCode) {
        throw DomainError.invalidInput('input.policeForceAreaCode', "a network's events are in the network's own area");
      }
      const network = await this.networks.getById(input.networkId).catch(() => {
        throw DomainError.unknown('input.networkId', 'is not a network');
      });
      if (network.status === NetworkStatus.CLOSED) {
        throw new DomainError(ErrorCode.CONFLICT, NetworkRefusal.NETWORK_CLOSED, `${network.name} is closed`, [
          { field: 'input.networkId', message: 'is closed' },
        ]);
      }
      return { networkId: network.id, organiserOrganisationId: null, policeForceAreaId: network.policeForceAreaId };
    }
    const organisation = await this.organisations.getById(input.organiserOrganisationId ?? '').catch(() => {
      throw DomainError.unknown('input.organiserOrganisationId', 'is not an organisation');
    });
    if (organisation.status === OrganisationStatus.ARCHIVED) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        OrganisationRefusal.ORGANISATION_ARCHIVED,
        `${organisation.name} is archived`,
        [{ field: 'input.organiserOrganisationId', message: 'is archived' }],
      );
    }
    const area = input.policeForceAreaCode
      ? await this.areas.getByCode(input.policeForceAreaCode).catch(() => {
          throw DomainError.unknown('input.policeForceAreaCode', 'is not a police force area');
        })
      : null;
    return { networkId: null, organiserOrganisationId: organisation.id, policeForceAreaId: area?.id ?? null };
  }
}

function assertNotOver(event: EventEntity, what: string, over = [EventStatus.CANCELLED, EventStatus.COMPLETED]): void {
  if (over.includes(event.status)) {
    throw new DomainError(
      ErrorCode.CONFLICT,
      EventRefusal.EVENT_OVER,
      `The event is ${event.status}, so it cannot be ${what}`,
      [{ field: 'input.eventId', message: `is ${event.status}` }],
    );
  }
}

/**
 * Lowering capacity below the places already given at a coming occurrence is refused: a
 * confirmed place is a promise, so the organisers free places first (or keep the capacity).
 */
async function assertPlacesFit(tx: EntityManager, event: EventEntity, capacity: number): Promise<void> {
  const [fullest] = await tx.query<{ occurrence_start: Date | null; confirmed: number }[]>(
    `SELECT occurrence_start, count(*)::int AS confirmed FROM event_rsvp
      WHERE event_id = $1 AND place = 'CONFIRMED' AND COALESCE(occurrence_start, $2) > now()
      GROUP BY occurrence_start ORDER BY confirmed DESC, occurrence_start LIMIT 1`,
    [event.id, event.startsAt],
  );
  if (fullest && fullest.confirmed > capacity) {
    const when = fullest.occurrence_start ? ` for the occurrence of ${fullest.occurrence_start.toISOString()}` : '';
    throw new DomainError(
      ErrorCode.CONFLICT,
      EventRefusal.PLACES_ALREADY_TAKEN,
      `${fullest.confirmed} places are already confirmed${when}, more than a capacity of ${capacity}: ` +
        'keep a capacity of at least that, or ask people to give up their places first',
      [{ field: 'input.capacity', message: `is below the ${fullest.confirmed} places already confirmed` }],
    );
  }
}

function sameSchedule(event: EventEntity, schedule: Schedule): boolean {
  return (
    event.startsAt.getTime() === schedule.startsAt.getTime() &&
    event.endsAt.getTime() === schedule.endsAt.getTime() &&
    event.timeZone === schedule.timeZone &&
    event.allDay === schedule.allDay &&
    event.recurrenceRule === schedule.recurrenceRule
  );
}
