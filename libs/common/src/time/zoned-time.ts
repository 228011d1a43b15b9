import { DateTime, IANAZone } from 'luxon';
import { rrulestr } from 'rrule';

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

export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
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
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

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
  const rule = parseRule(recurrence.rule, recurrence.firstStart);
  const excluded = new Set(recurrence.exceptions ?? []);
  // Wall times, written as UTC (rrule's "floating" time); widened by a day for the zone's offset.
  // The iterator stops rrule early: the widening adds at most a few, exceptions are skipped.
  const cap = limit + excluded.size + 4;
  const starts = rule.between(
    new Date(from.getTime() - 86_400_000),
    new Date(to.getTime() + 86_400_000),
    true,
    (_date, i) => i < cap,
  );
  const result: Date[] = [];
  for (const wall of starts) {
    const local = DateTime.fromJSDate(wall, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm");
    if (excluded.has(local)) {
      continue;
    }
    let instant: Date;
    try {
      instant = zonedInstant(local, recurrence.zone);
    } catch {
      continue;
    }
    if (instant >= from && instant < to) {
      result.push(instant);
      if (result.length >= limit) {
        break;
      }
    }
  }
  return result;
}

/** Checks an RRULE value; throws `ZonedTimeError('MALFORMED')` with the parser's reason. */
export function assertRecurrenceRule(rule: string, firstStart: string): void {
  parseRule(rule, firstStart);
}

function parseRule(rule: string, firstStart: string) {
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
    return rrulestr(`RRULE:${value}`, { dtstart: start.toJSDate() });
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
