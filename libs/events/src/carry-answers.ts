import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { originalStarts, type Series } from './schedule';

export interface CarriedAnswers {
  readonly kept: number;
  readonly dropped: number;
}

/**
 * When a series is rescheduled, answers to its coming occurrences follow them to the new
 * occurrence on the same local day (18:30 → 19:00 keeps everyone); answers to a day the new
 * schedule has no occurrence on are dropped, and counted for the activity item. Answers to past
 * occurrences stay as history. A single event moved to another single time keeps its answers.
 */
export async function carryAnswers(
  tx: EntityManager,
  eventId: string,
  before: Series,
  after: Series,
  now: Date,
): Promise<CarriedAnswers> {
  if (!before.recurrenceRule && !after.recurrenceRule) {
    return { kept: 0, dropped: 0 };
  }
  const keys = await tx.query<{ occurrence_start: Date | null }[]>(
    `SELECT DISTINCT occurrence_start FROM event_rsvp
      WHERE event_id = $1 AND (occurrence_start IS NULL OR occurrence_start > $2)`,
    [eventId, now],
  );
  let kept = 0;
  let dropped = 0;
  for (const { occurrence_start: old } of keys) {
    const day = DateTime.fromJSDate(old ?? before.startsAt, { zone: before.timeZone }).toISODate() ?? '';
    const target = newKeyOn(day, after);
    const [, count] =
      target === undefined
        ? await tx.query<[unknown[], number]>(
            `DELETE FROM event_rsvp WHERE event_id = $1 AND occurrence_start IS NOT DISTINCT FROM $2`,
            [eventId, old],
          )
        : await tx.query<[unknown[], number]>(
            `UPDATE event_rsvp SET occurrence_start = $3 WHERE event_id = $1 AND occurrence_start IS NOT DISTINCT FROM $2`,
            [eventId, old, target],
          );
    if (target === undefined) {
      dropped += count;
    } else {
      kept += count;
    }
  }
  return { kept, dropped };
}

/** The new schedule's occurrence key on a local day: its original start, null for a single event, or none. */
export function newKeyOn(day: string, after: Series): Date | null | undefined {
  const start = DateTime.fromISO(day, { zone: after.timeZone }).startOf('day');
  const from = start.toJSDate();
  const to = start.plus({ days: 1 }).toJSDate();
  if (!after.recurrenceRule) {
    return after.startsAt >= from && after.startsAt < to ? null : undefined;
  }
  return originalStarts(after, from, to).find((s) => s >= from);
}
