import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { EventOccurrenceChangeEntity } from './event.entities';
import { ExceptionOutcome } from './event.enums';
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

/** One exception (a cancelled or moved occurrence) and what rescheduling did with it. */
export interface CarriedException {
  /** Its occurrence under the old schedule. */
  readonly originalStart: Date;
  /** The occurrence it now applies to; null when dropped. */
  readonly newOriginalStart: Date | null;
  readonly cancelled: boolean;
  /** Where a moved occurrence is held (the organisers' chosen time, unchanged). */
  readonly startsAt: Date | null;
  readonly reason: string | null;
  readonly outcome: ExceptionOutcome;
}

/**
 * When a series is rescheduled, its exceptions follow their local day as answers do: a
 * cancelled 6 April stays cancelled on the new schedule's 6 April occurrence; a moved
 * occurrence keeps the time the organisers moved it to. An exception on a day the new schedule
 * has no occurrence on (or any, when it no longer recurs) is dropped, and reported: never silently.
 */
export async function carryExceptions(
  tx: EntityManager,
  eventId: string,
  before: Series,
  after: Series,
): Promise<CarriedException[]> {
  const changes = await tx.find(EventOccurrenceChangeEntity, { where: { eventId }, order: { originalStart: 'ASC' } });
  if (changes.length === 0) {
    return [];
  }
  const taken = new Set<number>();
  const carried = changes.map((change): CarriedException => {
    const day = DateTime.fromJSDate(change.originalStart, { zone: before.timeZone }).toISODate() ?? '';
    const target = after.recurrenceRule ? newKeyOn(day, after) : undefined;
    const usable = target instanceof Date && !taken.has(target.getTime());
    if (usable) {
      taken.add(target.getTime());
    }
    return {
      originalStart: change.originalStart,
      newOriginalStart: usable ? target : null,
      cancelled: change.cancelled,
      startsAt: change.startsAt,
      reason: change.reason,
      outcome: !usable
        ? ExceptionOutcome.DROPPED
        : target.getTime() === change.originalStart.getTime()
          ? ExceptionOutcome.KEPT
          : ExceptionOutcome.MOVED,
    };
  });
  // Rewritten whole: moving keys one by one could pass through another row's key.
  await tx.delete(EventOccurrenceChangeEntity, { eventId });
  const rows = changes.flatMap((change, i) => {
    const { newOriginalStart } = carried[i];
    if (!newOriginalStart) {
      return [];
    }
    const { id: _id, event: _event, ...kept } = change;
    return [{ ...kept, originalStart: newOriginalStart }];
  });
  if (rows.length) {
    await tx.insert(EventOccurrenceChangeEntity, rows);
  }
  return carried;
}
