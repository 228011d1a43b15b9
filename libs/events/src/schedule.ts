import { DateTime } from 'luxon';
import {
  assertRecurrenceRule,
  canonicalTimeZone,
  DomainError,
  localTimeOf,
  occurrences,
  zonedInstant,
  ZonedTimeError,
} from '@app/common';
import { EventRefusal } from './events.errors';

export const DEFAULT_TIME_ZONE = 'Europe/London';
/** How far ahead a series is expanded for clashes, tallies and calendars. */
export const HORIZON_DAYS = 400;
const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** When an event happens, as the organiser wrote it. */
export interface ScheduleInput {
  /** `YYYY-MM-DDTHH:mm` local time, or `YYYY-MM-DD` for an all-day event. */
  readonly start: string;
  /** As `start`; for all-day events the last day (inclusive). */
  readonly end: string;
  readonly timeZone?: string | null;
  readonly allDay?: boolean | null;
  readonly recurrenceRule?: string | null;
}

export interface Schedule {
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly timeZone: string;
  readonly allDay: boolean;
  readonly recurrenceRule: string | null;
}

/**
 * Reads local times in their zone (refusing times the clocks skip) and checks the rule; every
 * problem names its field under `prefix`. `now` guards against scheduling in the past.
 */
export function scheduleFrom(input: ScheduleInput, prefix: string, now: Date): Schedule {
  const timeZone = readTimeZone(input.timeZone ?? DEFAULT_TIME_ZONE, `${prefix}.timeZone`);
  const allDay = input.allDay ?? false;
  const read = (field: 'start' | 'end', dayAfter = false): Date => {
    const value = input[field];
    try {
      if (allDay) {
        if (!DATE.test(value) || !DateTime.fromISO(value).isValid) {
          throw new ZonedTimeError('MALFORMED', `${value} is not a date (YYYY-MM-DD) for an all-day event`);
        }
        const day = dayAfter ? DateTime.fromISO(value).plus({ days: 1 }).toISODate() : value;
        return zonedInstant(`${day}T00:00`, timeZone);
      }
      return zonedInstant(value, timeZone);
    } catch (error) {
      throw asBadInput(
        error,
        `${prefix}.${(error as ZonedTimeError).problem === 'UNKNOWN_TIME_ZONE' ? 'timeZone' : field}`,
      );
    }
  };
  const startsAt = read('start');
  const endsAt = read('end', true);
  if (endsAt <= startsAt) {
    throw DomainError.invalidInput(
      `${prefix}.end`,
      allDay ? 'must not be before the start' : 'must be after the start',
    );
  }
  if (endsAt.getTime() - startsAt.getTime() > 31 * DAY_MS) {
    throw DomainError.invalidInput(
      `${prefix}.end`,
      'an event lasts at most 31 days (use a recurrence rule for a series)',
    );
  }
  if (startsAt <= now) {
    throw DomainError.badInput(EventRefusal.IN_THE_PAST, `${prefix}.start`, 'is in the past');
  }
  const recurrenceRule = input.recurrenceRule?.trim().replace(/^RRULE:/i, '') || null;
  if (recurrenceRule) {
    const firstStart = localTimeOf(startsAt, timeZone);
    try {
      assertRecurrenceRule(recurrenceRule, firstStart);
    } catch (error) {
      throw asBadInput(error, `${prefix}.recurrenceRule`);
    }
    const [first] = occurrences(
      { rule: recurrenceRule, firstStart, zone: timeZone },
      startsAt,
      new Date(startsAt.getTime() + 1),
    );
    if (first?.getTime() !== startsAt.getTime()) {
      const later = occurrences(
        { rule: recurrenceRule, firstStart, zone: timeZone },
        startsAt,
        horizonFrom(startsAt),
        1,
      );
      throw DomainError.invalidInput(
        `${prefix}.recurrenceRule`,
        later.length
          ? 'the start must itself be an occurrence of the rule'
          : `the rule gives no date within ${HORIZON_DAYS} days of the start`,
      );
    }
  }
  return { startsAt, endsAt, timeZone, allDay, recurrenceRule };
}

/** A single slot (polls, moved occurrences): local start and end in a zone, in the future. */
export function slotFrom(start: string, end: string, timeZone: string, prefix: string, now: Date): Schedule {
  return scheduleFrom({ start, end, timeZone }, prefix, now);
}

/** What an event's occurrences need to know of it. */
export interface Series {
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly timeZone: string;
  readonly recurrenceRule: string | null;
}

/** Original starts of a series' occurrences in [from, to): the one start, or the rule's. */
export function originalStarts(series: Series, from: Date, to: Date, limit = 1000): Date[] {
  if (!series.recurrenceRule) {
    return series.startsAt < to && series.endsAt > from ? [series.startsAt] : [];
  }
  const length = series.endsAt.getTime() - series.startsAt.getTime();
  // An occurrence that started before `from` may still be running: widen by its length.
  return occurrences(
    { rule: series.recurrenceRule, firstStart: localTimeOf(series.startsAt, series.timeZone), zone: series.timeZone },
    new Date(Math.max(from.getTime() - length, series.startsAt.getTime())),
    to,
    limit,
  ).filter((start) => start.getTime() + length > from.getTime());
}

/** Whether `start` is an occurrence the series' rule gives. */
export function isOriginalStart(series: Series, start: Date): boolean {
  if (!series.recurrenceRule) {
    return start.getTime() === series.startsAt.getTime();
  }
  const after = new Date(start.getTime() + 1);
  if (Number.isNaN(after.getTime())) {
    return false; // the last instant a Date holds: no walk reaches it
  }
  return originalStarts(series, start, after).some((s) => s.getTime() === start.getTime());
}

export const horizonFrom = (from: Date): Date => new Date(from.getTime() + HORIZON_DAYS * DAY_MS);

function asBadInput(error: unknown, field: string): unknown {
  return error instanceof ZonedTimeError ? DomainError.invalidInput(field, error.message) : error;
}

/** A zone as given, canonicalised (`GB` is `Europe/London`); BAD_USER_INPUT on `field` if unknown. */
export function readTimeZone(zone: string, field: string): string {
  try {
    return canonicalTimeZone(zone);
  } catch (error) {
    throw asBadInput(error, field);
  }
}
