import { setImmediate } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  type ActorRef,
  type Connection,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  hasUuid,
  isIsoInstant,
  DomainError,
  groupBy,
  toConnection,
  SqlConditions,
  sqlWhere,
} from '@app/common';
import { PlainRows } from '@app/database';
import { PoliceForceAreaService } from '@app/geography';
import { MembershipRole, MembershipStatus, NetworkService } from '@app/networks';
import type { EventFilter } from './dto/events.args';
import { EventAccess } from './event-access';
import { EventAgendaItemEntity, EventEntity, EventOccurrenceChangeEntity, EventRsvpEntity } from './event.entities';
import { EventVisibility, type RsvpAnswer, type RsvpPlace } from './event.enums';
import type { RsvpTally } from './event.model';
import { assertWindow, type Occurrence, OccurrenceBudget, occurrencesOf } from './occurrences';
import { tallyFrom, tallyOf } from './rsvp-tally';

/** Series expanded between turns of the event loop. */
const YIELD_EVERY = 10;

/**
 * What a page of events reads when its query asks for no more: every column but the long and rarely
 * listed ones (description, venue and address, minutes, audit columns), which are most of a row's bytes.
 */
const PAGE_COLUMNS: ReadonlySet<string> = new Set([
  'id',
  'networkId',
  'organiserOrganisationId',
  'policeForceAreaId',
  'kind',
  'title',
  'timeZone',
  'allDay',
  'startsAt',
  'endsAt',
  'recurrenceRule',
  'capacity',
  'visibility',
  'status',
  'statusReason',
]);
/** Event fields resolved from `PAGE_COLUMNS` alone (ids; `occurrences` reads the schedule). */
const FIELDS_FROM_PAGE_COLUMNS: ReadonlySet<string> = new Set([
  '__typename',
  'network',
  'organiserOrganisation',
  'policeForceArea',
  'agenda',
  'occurrences',
  'rsvps',
]);

/** An event, or one occurrence of a series (by its original start). */
export interface RsvpKey {
  readonly eventId: string;
  readonly occurrenceStart: Date | null;
}

/** An event (or one occurrence of a series) whose answers are counted. */
export interface TallyKey {
  readonly event: Pick<EventEntity, 'id' | 'capacity'>;
  readonly occurrenceStart: Date | null;
}

/** Reading events: visibility, occurrences, agendas, answers and tallies. */
@Injectable()
export class EventService {
  private plainChanges?: PlainRows<EventOccurrenceChangeEntity>;
  private plainEvents?: PlainRows<EventEntity>;

  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(EventOccurrenceChangeEntity)
    private readonly changes: Repository<EventOccurrenceChangeEntity>,
    @InjectRepository(EventAgendaItemEntity) private readonly agenda: Repository<EventAgendaItemEntity>,
    @InjectRepository(EventRsvpEntity) private readonly rsvps: Repository<EventRsvpEntity>,
    private readonly networks: NetworkService,
    private readonly areas: PoliceForceAreaService,
  ) {}

  async accessOf(viewer: ActorRef): Promise<EventAccess> {
    return new EventAccess(viewer, await this.networks.memberNetworksOf(viewer));
  }

  /** An event the viewer may see; NOT_FOUND otherwise (a private event's existence is not told). */
  async getVisible(viewer: ActorRef | EventAccess, id: string): Promise<EventEntity> {
    const access = viewer instanceof EventAccess ? viewer : await this.accessOf(viewer);
    const event = await this.events.findOneBy({ id });
    if (!event || !access.canSee(event)) {
      throw DomainError.notFound('Event', id);
    }
    return event;
  }

  findByIds(ids: readonly string[]): Promise<EventEntity[]> {
    return this.events.createQueryBuilder('e').where('e.id = ANY(:ids)', { ids }).getMany();
  }

  /**
   * A page of events (series count once) in start order; `withChanges`: each with its moved and
   * cancelled occurrences, read in the same statement (a page asking for occurrences needs them).
   */
  async list(
    viewer: ActorRef,
    filter: EventFilter = {},
    first = DEFAULT_PAGE_SIZE,
    after?: string,
    withChanges = false,
    /** Only these properties of the events (and their key): see `pageColumns`. */
    only?: ReadonlySet<string>,
  ): Promise<EventPage> {
    const cursor = after ? decodeCursor(after, 'after', (p) => hasUuid(p) && isIsoInstant(p.key)) : undefined;
    const { conditions, parameters } = await this.conditionsOf(await this.accessOf(viewer), filter);
    const plain = this.plainEventRows();
    const changes = this.plainChangeRows();
    // Plain SQL, a named statement with the limit a parameter: building it with TypeORM was a tenth
    // of a page's CPU, hydrating entities another.
    const columns = `${plain.selectList('t', '', only)}${withChanges ? `, ${changes.textArray('j.event_id = t.id', 'j.original_start')} AS "changes?"` : ''}`;
    let rows: Record<string, unknown>[];
    let totalCount: number;
    if (cursor) {
      const all = sqlWhere(conditions);
      const [{ count }] = await plain.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM event t${all}`,
        parameters,
      );
      const n = parameters.length;
      const later = `(t.starts_at, t.id) > ($${n + 1}::timestamptz, $${n + 2}::uuid)`;
      rows = await plain.query(
        `SELECT ${columns} FROM event t${sqlWhere([...conditions, later])} ORDER BY t.starts_at, t.id LIMIT $${n + 3}`,
        [...parameters, cursor.key, cursor.id, first + 1],
      );
      totalCount = count;
    } else {
      // A first page counts in the same statement (the count is over every row, before LIMIT).
      rows = await plain.query(
        `SELECT ${columns}, count(*) OVER () AS total_count FROM event t${sqlWhere(conditions)}
          ORDER BY t.starts_at, t.id LIMIT $${parameters.length + 1}`,
        [...parameters, first + 1],
      );
      totalCount = Number(rows[0]?.total_count ?? 0);
    }
    const events = rows.map((row) => plain.pick(row, '', only));
    return {
      page: toConnection(events, first, totalCount, cursorOf),
      changes: withChanges
        ? new Map(rows.map((row, i) => [events[i].id, changes.fromTextArray(row['changes?'] as unknown[][])]))
        : undefined,
    };
  }

  /**
   * Of the fields a query asks of a page's events, the properties to read: `PAGE_COLUMNS` where
   * every field is one of them or a field resolved from them (ids, the schedule), else all of them
   * (undefined). One set, not one per subset: each is a statement text prepared on every connection.
   */
  pageColumns(fields: ReadonlySet<string>): ReadonlySet<string> | undefined {
    for (const field of fields) {
      if (!PAGE_COLUMNS.has(field) && !FIELDS_FROM_PAGE_COLUMNS.has(field)) {
        return undefined;
      }
    }
    return PAGE_COLUMNS;
  }

  /** Every occurrence (moved and cancelled ones included) overlapping [from, to), in start order. */
  async occurrencesIn(viewer: ActorRef, filter: EventFilter, from: Date, to: Date): Promise<Occurrence[]> {
    assertWindow(from, to);
    const { conditions, parameters } = await this.conditionsOf(await this.accessOf(viewer), filter);
    const n = parameters.length;
    // A series may run into the window from any earlier start; a single event only if it overlaps.
    const overlaps = `t.starts_at < $${n + 1} AND (t.recurrence_rule IS NOT NULL OR t.ends_at > $${n + 2})`;
    const events = await this.plainEventRows().where(
      [...conditions, overlaps].join(' AND '),
      [...parameters, to, from],
      't.starts_at, t.id',
    );
    const changes = groupBy(
      events.map((e) => e.id),
      await this.changesOf(events.map((e) => e.id)),
      (c) => c.eventId,
    );
    const budget = new OccurrenceBudget();
    const result: Occurrence[] = [];
    for (const [i, event] of events.entries()) {
      if (i % YIELD_EVERY === YIELD_EVERY - 1) {
        await setImmediate(); // many series: let other requests run between them
      }
      const list = occurrencesOf(event, changes[i], from, to, budget.probe);
      budget.take(list.length);
      result.push(...list);
    }
    return result.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.eventId.localeCompare(b.eventId));
  }

  /** Moved and cancelled occurrences of events, in original start order (plain rows: read for every page of series). */
  changesOf(eventIds: readonly string[]): Promise<EventOccurrenceChangeEntity[]> {
    return eventIds.length
      ? this.plainChangeRows().where('t.event_id = ANY($1)', [eventIds], 't.original_start')
      : Promise.resolve([]);
  }

  agendaOf(eventIds: readonly string[]): Promise<EventAgendaItemEntity[]> {
    return this.agenda
      .createQueryBuilder('a')
      .where('a.event_id = ANY(:eventIds)', { eventIds })
      .orderBy('a.position')
      .getMany();
  }

  /** Answers for events (or occurrences), in the order asked: places first, then the waitlist in order. */
  async rsvpsOf(keys: readonly RsvpKey[]): Promise<EventRsvpEntity[][]> {
    const rows = await this.rsvps
      .createQueryBuilder('r')
      .where(
        `(r.event_id, coalesce(r.occurrence_start, '-infinity')) IN
           (SELECT e, coalesce(o, '-infinity') FROM unnest(:eventIds::uuid[], :starts::timestamptz[]) AS k(e, o))`,
        { eventIds: keys.map((k) => k.eventId), starts: keys.map((k) => k.occurrenceStart) },
      )
      .orderBy(`array_position(ARRAY['CONFIRMED','WAITLISTED','NONE']::rsvp_place[], r.place)`)
      .addOrderBy('r.place_since')
      .addOrderBy('r.id')
      .getMany();
    return keys.map((k) =>
      rows.filter(
        (r) =>
          r.eventId === k.eventId && (r.occurrenceStart?.getTime() ?? null) === (k.occurrenceStart?.getTime() ?? null),
      ),
    );
  }

  tally(event: Pick<EventEntity, 'id' | 'capacity'>, occurrenceStart: Date | null): Promise<RsvpTally> {
    return tallyOf(this.rsvps.manager, event, occurrenceStart);
  }

  /** Tallies of many events (or occurrences) in one statement, in the order asked. */
  async tallies(keys: readonly TallyKey[]): Promise<RsvpTally[]> {
    const rows: {
      event_id: string;
      occurrence_start: Date | null;
      answer: RsvpAnswer;
      place: RsvpPlace;
      count: string;
    }[] = await this.rsvps.query(
      `SELECT r.event_id, r.occurrence_start, r.answer, r.place, count(*) AS count
           FROM event_rsvp r
           JOIN unnest($1::uuid[], $2::timestamptz[]) AS k(event_id, occurrence_start)
             ON r.event_id = k.event_id AND r.occurrence_start IS NOT DISTINCT FROM k.occurrence_start
          GROUP BY r.event_id, r.occurrence_start, r.answer, r.place`,
      [keys.map((k) => k.event.id), keys.map((k) => k.occurrenceStart)],
    );
    return keys.map((k) =>
      tallyFrom(
        k.event,
        k.occurrenceStart,
        rows.filter((r) => r.event_id === k.event.id && r.occurrence_start?.getTime() === k.occurrenceStart?.getTime()),
      ),
    );
  }

  /** An event's network, organiser and area code, whoever may see it (for the operation policy). */
  async findPlace(eventId: string): Promise<{
    networkId: string | null;
    organiserOrganisationId: string | null;
    policeForceAreaCode: string | null;
  } | null> {
    const row = await this.events
      .createQueryBuilder('e')
      .leftJoin('e.policeForceArea', 'a')
      .select(['e.network_id AS "networkId"', 'e.organiser_organisation_id AS "organiserOrganisationId"'])
      .addSelect('a.code', 'policeForceAreaCode')
      .where('e.id = :eventId', { eventId })
      .getRawOne<{
        networkId: string | null;
        organiserOrganisationId: string | null;
        policeForceAreaCode: string | null;
      }>();
    return row ?? null;
  }

  /** The organisations organising an event, for the operation policy (empty when unknown). */
  async organisersOf(eventId: string): Promise<string[]> {
    return (await this.organisersOfMany([eventId]))[0] ?? [];
  }

  /** Per event asked: its organiser organisation, or its network's active convenors. */
  async organisersOfMany(eventIds: readonly string[]): Promise<string[][]> {
    const events = await this.events
      .createQueryBuilder('e')
      .select(['e.id', 'e.networkId', 'e.organiserOrganisationId'])
      .where('e.id = ANY(:eventIds)', { eventIds })
      .getMany();
    const networkIds = [...new Set(events.flatMap((e) => (e.networkId ? [e.networkId] : [])))];
    const convenors = networkIds.length
      ? (await this.networks.findMembershipsOfNetworks(networkIds, [MembershipStatus.ACTIVE])).filter(
          (m) => m.role === MembershipRole.CONVENOR,
        )
      : [];
    return eventIds.map((id) => {
      const event = events.find((e) => e.id === id);
      if (!event) {
        return [];
      }
      return event.organiserOrganisationId
        ? [event.organiserOrganisationId]
        : convenors.filter((m) => m.networkId === event.networkId).map((m) => m.organisationId);
    });
  }

  private plainChangeRows(): PlainRows<EventOccurrenceChangeEntity> {
    this.plainChanges ??= new PlainRows(this.changes);
    return this.plainChanges;
  }

  private plainEventRows(): PlainRows<EventEntity> {
    this.plainEvents ??= new PlainRows(this.events);
    return this.plainEvents;
  }

  /** The conditions (on `t`) for the events the viewer may see that match the filter. */
  private async conditionsOf(access: EventAccess, filter: EventFilter): Promise<SqlConditions> {
    const where = new SqlConditions();
    if (!access.platformAdmin) {
      where.and(
        (visibility, networks) => `(t.visibility = ${visibility} OR t.network_id = ANY(${networks}::uuid[]))`,
        EventVisibility.PUBLIC,
        [...access.networkIds],
      );
    }
    if (filter.networkId) {
      where.and((n) => `t.network_id = ${n}`, filter.networkId);
    }
    if (filter.organiserOrganisationId) {
      where.and((n) => `t.organiser_organisation_id = ${n}`, filter.organiserOrganisationId);
    }
    if (filter.policeForceAreaCode) {
      const area = await this.areas.getByCode(filter.policeForceAreaCode).catch(() => null);
      where.and((n) => `t.police_force_area_id = ${n}`, area?.id ?? null);
    }
    if (filter.kinds?.length) {
      where.and((n) => `t.kind = ANY(${n})`, filter.kinds);
    }
    if (filter.statuses?.length) {
      where.and((n) => `t.status = ANY(${n})`, filter.statuses);
    }
    return where;
  }

  /**
   * The people who answered GOING or MAYBE (any occurrence) and still hold or wait for a place,
   * by id, at most 5000: whom a change to the event concerns.
   */
  async answeredBy(eventId: string): Promise<string[]> {
    const rows = await this.rsvps.manager.query<{ id: string }[]>(
      `SELECT DISTINCT person_id AS id FROM event_rsvp
        WHERE event_id = $1 AND answer IN ('GOING', 'MAYBE')
        ORDER BY person_id
        LIMIT 5000`,
      [eventId],
    );
    return rows.map((r) => r.id);
  }

  /** The people the reminders job wrote reminders for (that occurrence), by id, at most 5000. */
  async remindedFor(eventId: string, occurrenceStart: string): Promise<string[]> {
    const rows = await this.rsvps.manager.query<{ id: string }[]>(
      `SELECT DISTINCT person_id AS id FROM event_reminder
        WHERE event_id = $1 AND occurrence_start = $2::timestamptz
        ORDER BY person_id
        LIMIT 5000`,
      [eventId, occurrenceStart],
    );
    return rows.map((r) => r.id);
  }
}

/** A page of events, and each one's moved and cancelled occurrences if they were asked for. */
export interface EventPage {
  readonly page: Connection<EventEntity>;
  readonly changes?: ReadonlyMap<string, EventOccurrenceChangeEntity[]>;
}

const cursorOf = (event: EventEntity): { key: string; id: string } => ({
  key: event.startsAt.toISOString(),
  id: event.id,
});
