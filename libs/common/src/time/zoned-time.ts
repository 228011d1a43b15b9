import { DateTime, IANAZone } from 'luxon';
import { Frequency, type Options, RRule, rrulestr, Weekday } from 'rrule';
import { LRUCache } from 'lru-cache';

/** Local wall-clock time as people write it: `YYYY-MM-DDTHH:mm` (seconds optional). */
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

export type ZonedTimeProblem = 'UNKNOWN_TIME_ZONE' | 'MALFORMED' | 'SKIPPED_BY_CLOCK_CHANGE';

/** Why a local time names no instant; callers turn it into a BAD_USER_INPUT on their field. */
export class ZonedTimeError extends Error {
  constructor(
    readonly problem: ZonedTimeProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Zones found valid (luxon builds an Intl formatter to find out, each time: the hot part of
 * expanding a page of series). Only valid names are kept, so the set is bounded by the tz database.
 */
const validZones = new Set<string>();

export function isTimeZone(zone: string): boolean {
  if (validZones.has(zone)) {
    return true;
  }
  const valid = IANAZone.isValidZone(zone);
  if (valid) {
    validZones.add(zone);
  }
  return valid;
}

/** An IANA zone name as the tz database spells it: areas and locations, or Etc/…, or UTC. */
const ZONE_NAME = /^(UTC|[A-Z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+)+)$/;

/**
 * The canonical IANA name of a zone, as calendars (iCalendar's TZID) expect it: case put right and
 * links followed (`GB`, `EUROPE/LONDON` and `Europe/Belfast` are all `Europe/London`). Offsets
 * and unknown names are refused with `UNKNOWN_TIME_ZONE`.
 */
export function canonicalTimeZone(zone: string): string {
  let canonical: string | undefined;
  try {
    canonical = new Intl.DateTimeFormat('en-GB', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    canonical = undefined;
  }
  if (!canonical || !ZONE_NAME.test(canonical) || !isTimeZone(canonical)) {
    throw new ZonedTimeError('UNKNOWN_TIME_ZONE', `${zone} is not an IANA time zone (e.g. Europe/London)`);
  }
  return canonical;
}

/**
 * The instant a local time names in a zone. A time the clocks skip (01:30 on the last Sunday of
 * March in the UK) is refused rather than moved; a time they repeat (01:30 on the last Sunday of
 * October) is its first occurrence, as RFC 5545 reads it.
 */
export function zonedInstant(local: string, zone: string): Date {
  if (!isTimeZone(zone)) {
    throw new ZonedTimeError('UNKNOWN_TIME_ZONE', `${zone} is not an IANA time zone (e.g. Europe/London)`);
  }
  const wall = DateTime.fromISO(local, { zone: 'UTC' });
  if (!LOCAL.test(local) || !wall.isValid) {
    throw new ZonedTimeError('MALFORMED', `${local} is not a local date and time (YYYY-MM-DDTHH:mm)`);
  }
  // The zone's offsets either side of the wall time; each that maps back onto it is a reading.
  const offsets = new Set([-1, 1].map((days) => IANAZone.create(zone).offset(wall.plus({ days }).toMillis())));
  const readings = [...offsets]
    .map((offset) => wall.minus({ minutes: offset }))
    .filter((instant) => sameWallTime(instant.setZone(zone), wall))
    .map((instant) => instant.toMillis())
    .sort((a, b) => a - b);
  if (readings.length === 0) {
    throw new ZonedTimeError(
      'SKIPPED_BY_CLOCK_CHANGE',
      `${local} does not exist in ${zone}: the clocks go forward over it`,
    );
  }
  return new Date(readings[0]);
}

/** The local wall-clock time (`YYYY-MM-DDTHH:mm`) of an instant in a zone. */
export function localTimeOf(instant: Date, zone: string): string {
  // A series' first start is read this way for every list of it: luxon's formatting, remembered.
  const key = `${zone}|${instant.getTime()}`;
  let local = localTimes.get(key);
  if (local === undefined) {
    local = DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
    if (localTimes.size >= MAX_LOCAL_TIMES) {
      localTimes.clear();
    }
    localTimes.set(key, local);
  }
  return local;
}

/** Local times by zone and instant (an instant's local time never changes while the process runs). */
const localTimes = new Map<string, string>();
const MAX_LOCAL_TIMES = 10_000;

export interface Recurrence {
  /** RFC 5545 RRULE value, e.g. `FREQ=MONTHLY;BYDAY=1TU` (no DTSTART: `firstStart` is it). */
  readonly rule: string;
  /** Local start of the first occurrence. */
  readonly firstStart: string;
  readonly zone: string;
  /** Local starts of occurrences left out (EXDATE), as written by the organiser. */
  readonly exceptions?: readonly string[];
}

/**
 * Occurrence starts from `from` (inclusive) to `to` (exclusive) as instants. The rule runs on
 * wall-clock time, so "18:30 on the first Tuesday" stays 18:30 local across the clock changes;
 * an occurrence on a skipped time is left out (RFC 5545 would move it; so few rules hit 01:00–02:00
 * that the organiser moving that one is clearer).
 */
export function occurrences(recurrence: Recurrence, from: Date, to: Date, limit = 1000): Date[] {
  const excluded = new Set(recurrence.exceptions ?? []);
  // Wall times, written as UTC (rrule's "floating" time); widened by a day for the zone's offset.
  // The iterator stops rrule early: the widening adds at most a few, exceptions are skipped.
  const cap = limit + excluded.size + 4;
  // Within the instants a Date holds (±8.64e15 ms): a window at its edge stays a window.
  const walk = walkOf(
    recurrence,
    Math.max(from.getTime() - DAY_MS, -MAX_TIME),
    Math.min(to.getTime() + DAY_MS, MAX_TIME),
    cap,
  );
  const result: Date[] = [];
  const end = Math.min(cap, walk.walls.length);
  for (let i = 0; i < end; i++) {
    if (excluded.size > 0 && excluded.has(floatingLocal(walk.walls[i]))) {
      continue;
    }
    const instant = walk.instants[i];
    if (instant >= from.getTime() && instant < to.getTime()) {
      result.push(new Date(instant));
      if (result.length >= limit) {
        break;
      }
    }
  }
  return result;
}

/** The floating wall time (as UTC) as YYYY-MM-DDTHH:mm. */
const floatingLocal = (wall: number): string => new Date(wall).toISOString().slice(0, 16);

/**
 * The rule's wall times from `after` to `before` (inclusive), in order, at most `cap` of them, with
 * the instant each names in the zone (NaN where the clocks skip it).
 */
interface Walk {
  readonly walls: readonly number[];
  readonly instants: readonly number[];
  /** Whether the walk ended by itself (past `before`, or out of periods) rather than at its cap. */
  readonly complete: boolean;
}

/**
 * Walks by what they depend on: the rule, its first start, the zone and the widened window (an
 * event's edit changes one of these, so it is a new key; its moved and cancelled occurrences are
 * applied by the caller). A walk cut at a cap serves any cap up to it; a complete one any cap.
 * Least recently used first; bounded in walks and in the wall times they hold.
 */
const walks = new LRUCache<string, Walk>({
  max: 4_000,
  maxSize: 200_000, // wall times held
  sizeCalculation: (walk) => Math.max(walk.walls.length, 1),
});

function walkOf(recurrence: Recurrence, after: number, before: number, cap: number): Walk {
  // Valid zones and local times hold no `|`: the key reads one way only.
  const key =
    LOCAL.test(recurrence.firstStart) && isTimeZone(recurrence.zone)
      ? `${recurrence.zone}|${recurrence.firstStart}|${after}|${before}|${recurrence.rule}`
      : undefined;
  const known = key === undefined ? undefined : walks.get(key);
  if (known !== undefined && (known.complete || cap <= known.walls.length)) {
    return known;
  }
  const afterDate = new Date(after);
  const beforeDate = new Date(before);
  const starts = boundedWalk(parseRule(recurrence.rule, recurrence.firstStart), afterDate, beforeDate).between(
    afterDate,
    beforeDate,
    true,
    (_date, i) => i < cap,
  );
  const instantOf = instantReader(recurrence.zone);
  const walk: Walk = {
    walls: starts.map((wall) => wall.getTime()),
    instants: starts.map((wall) => instantOf(wall, floatingLocal(wall.getTime()))?.getTime() ?? NaN),
    complete: starts.length < cap,
  };
  if (key !== undefined) {
    walks.set(key, walk);
  }
  return walk;
}

/**
 * `zonedInstant` for many wall times (as floating UTC) in one zone, undefined where the clocks skip
 * them. Where the zone's offset is the same on both sides of a few days around the wall time (all
 * but the days of a change; no zone changes twice in a week), the instant is the wall time less
 * that offset. Offsets are looked up on a grid shared by neighbouring occurrences (and by every expansion
 * in the zone): each look-up is Intl formatting, the slow part of expanding a series.
 */
function instantReader(zone: string): (wall: Date, local: string) => Date | undefined {
  if (!isTimeZone(zone)) {
    return () => undefined;
  }
  const tz = IANAZone.create(zone);
  let offsets = gridOffsets.get(zone);
  if (offsets === undefined || offsets.size > MAX_GRID_CELLS) {
    offsets = new Map<number, number>();
    gridOffsets.set(zone, offsets);
  }
  const cells = offsets;
  const offsetOnGrid = (cell: number): number => {
    let offset = cells.get(cell);
    if (offset === undefined) {
      offset = tz.offset(cell * GRID_MS);
      cells.set(cell, offset);
    }
    return offset;
  };
  return (wall, local) => {
    const before = offsetOnGrid(Math.floor((wall.getTime() - DAY_MS) / GRID_MS));
    if (before === offsetOnGrid(Math.ceil((wall.getTime() + DAY_MS) / GRID_MS))) {
      return new Date(wall.getTime() - before * 60_000);
    }
    try {
      return zonedInstant(local, zone);
    } catch {
      return undefined;
    }
  };
}

const DAY_MS = 86_400_000;
/** The last instant a Date holds (ECMAScript's time range). */
const MAX_TIME = 8.64e15;
const GRID_MS = 2 * DAY_MS;
/**
 * A zone's offsets on the grid, shared by every expansion in the process (an offset at an instant
 * never changes while it runs). Valid zones only; a zone's cells start again past about 110 years' worth.
 */
const gridOffsets = new Map<string, Map<number, number>>();
const MAX_GRID_CELLS = 20_000;

/** Most periods (days of a daily rule, weeks of a weekly one…) one expansion walks through. */
export const MAX_RECURRENCE_PERIODS = 2_000;

/** Shortest length of one period of each frequency, in days. */
const PERIOD_DAYS: Partial<Record<Frequency, number>> = {
  [Frequency.YEARLY]: 365,
  [Frequency.MONTHLY]: 28,
  [Frequency.WEEKLY]: 7,
  [Frequency.DAILY]: 1,
};

/**
 * The rule, ready to walk from as close before `after` as keeps its meaning, and stopped once it
 * has walked past `before` (at most MAX_RECURRENCE_PERIODS periods).
 *
 * rrule walks period by period from DTSTART and only ever stops on a date the rule gives: a rule
 * that gives none (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`) walks day by day to the year 9999, and a
 * daily series started years ago walks every day since. So a rule without COUNT starts from a
 * whole number of intervals later (its defaults made explicit, as they came from DTSTART), and
 * every walk is cut after the periods that reach `before`. rrule reads `interval` twice a period
 * and ends its walk when it reads 0: a getter counting the reads is the only stop it offers.
 */
function boundedWalk(rule: RRule, after: Date, before: Date): RRule {
  const parsed = rule.options;
  const periodDays = (PERIOD_DAYS[parsed.freq] ?? 1) * parsed.interval;
  const start = parsed.count ? parsed.dtstart : rebasedStart(parsed.dtstart, parsed.freq, parsed.interval, after);
  const walk = new RRule(
    {
      freq: parsed.freq,
      interval: parsed.interval,
      wkst: parsed.wkst,
      count: parsed.count,
      until: parsed.until,
      bysetpos: parsed.bysetpos,
      bymonth: parsed.bymonth,
      bymonthday: [...(parsed.bymonthday ?? []), ...(parsed.bynmonthday ?? [])],
      byyearday: parsed.byyearday,
      byweekno: parsed.byweekno,
      byweekday: weekdaysOf(parsed.byweekday, parsed.bynweekday),
      byhour: parsed.byhour,
      byminute: parsed.byminute,
      bysecond: parsed.bysecond,
      byeaster: parsed.byeaster,
      dtstart: start,
    },
    true,
  );
  const periods = Math.min(
    MAX_RECURRENCE_PERIODS,
    Math.ceil((before.getTime() - start.getTime()) / (periodDays * DAY_MS)) + 3,
  );
  let reads = 0;
  const interval = walk.options.interval;
  Object.defineProperty(walk.options, 'interval', {
    get: () => (++reads > 2 * periods + 2 ? 0 : interval),
  });
  return walk;
}

const PERIOD_UNIT: Partial<Record<Frequency, 'years' | 'months' | 'weeks' | 'days'>> = {
  [Frequency.YEARLY]: 'years',
  [Frequency.MONTHLY]: 'months',
  [Frequency.WEEKLY]: 'weeks',
  [Frequency.DAILY]: 'days',
};

/** The first start moved on by whole intervals to at least one interval before `after`. */
function rebasedStart(dtstart: Date, freq: Frequency, interval: number, after: Date): Date {
  const unit = PERIOD_UNIT[freq] ?? 'days';
  const first = DateTime.fromJSDate(dtstart, { zone: 'UTC' });
  if (Math.abs(after.getTime()) > MAX_TIME - 400 * DAY_MS) {
    // Luxon's count steps a unit past `after`, beyond the instants a Date holds: the walk from the start is bounded.
    return dtstart;
  }
  const elapsed = Math.floor(DateTime.fromJSDate(after, { zone: 'UTC' }).diff(first, unit).as(unit));
  const steps = Math.floor(elapsed / interval) - 1;
  const rebased = steps > 0 ? first.plus({ [unit]: steps * interval }) : first;
  return rebased.isValid ? rebased.toJSDate() : dtstart;
}

function weekdaysOf(plain: number[] | null, nth: number[][] | null): Options['byweekday'] {
  const days = [...(plain ?? []).map((day) => new Weekday(day)), ...(nth ?? []).map(([day, n]) => new Weekday(day, n))];
  return days.length ? days : null;
}

/** Checks an RRULE value; throws `ZonedTimeError('MALFORMED')` with the parser's reason. */
export function assertRecurrenceRule(rule: string, firstStart: string): void {
  parseRule(rule, firstStart);
}

function parseRule(rule: string, firstStart: string): RRule {
  if (/DTSTART|\n|\r/i.test(rule)) {
    throw new ZonedTimeError('MALFORMED', 'give the RRULE value only (FREQ=…;…), without DTSTART or line breaks');
  }
  const start = DateTime.fromISO(firstStart, { zone: 'UTC' });
  if (!LOCAL.test(firstStart) || !start.isValid) {
    throw new ZonedTimeError('MALFORMED', `${firstStart} is not a local date and time (YYYY-MM-DDTHH:mm)`);
  }
  const value = rule.replace(/^RRULE:/i, '');
  try {
    checkParts(value);
    const parsed = rrulestr(`RRULE:${value}`, { dtstart: start.toJSDate() });
    if (!(parsed instanceof RRule)) {
      throw new Error('give one RRULE');
    }
    return parsed;
  } catch (error) {
    throw new ZonedTimeError('MALFORMED', `not an RFC 5545 RRULE: ${(error as Error).message}`);
  }
}

const NUMERIC_PARTS = [
  'INTERVAL',
  'COUNT',
  'BYSETPOS',
  'BYMONTHDAY',
  'BYMONTH',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYHOUR',
  'BYMINUTE',
  'BYSECOND',
];

/** What rrule lets through: it defaults a missing FREQ to YEARLY and takes INTERVAL=abc. */
function checkParts(value: string): void {
  const parts = new Map(
    value.split(';').map((part) => {
      const [key, ...rest] = part.split('=');
      return [key.toUpperCase(), rest.join('=')] as const;
    }),
  );
  const freq = parts.get('FREQ')?.toUpperCase();
  if (!freq) {
    throw new Error('FREQ is missing');
  }
  // One start a day at most, at the first start's time: anything finer could expand to millions.
  if (['HOURLY', 'MINUTELY', 'SECONDLY'].includes(freq)) {
    throw new Error(`FREQ=${freq} is not allowed: a series recurs at most daily`);
  }
  // rrule's own answer to an unknown one is "Invalid frequency: undefined undefined".
  if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) {
    throw new Error(`FREQ=${freq} is not a frequency: use DAILY, WEEKLY, MONTHLY or YEARLY`);
  }
  for (const key of ['BYHOUR', 'BYMINUTE', 'BYSECOND']) {
    if (parts.has(key)) {
      throw new Error(`${key} is not allowed: the time of day is the first start's`);
    }
  }
  for (const key of NUMERIC_PARTS) {
    const part = parts.get(key);
    if (part !== undefined && !/^[+-]?\d+(,[+-]?\d+)*$/.test(part)) {
      throw new Error(`${key} must be a number (or a list of numbers)`);
    }
  }
}

function sameWallTime(a: DateTime, b: DateTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}
