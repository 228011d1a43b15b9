import type { EventEntity, EventOccurrenceChangeEntity } from './event.entities';
import { EventStatus } from './event.enums';
import { originalStarts } from './schedule';

/** One happening of an event: the only one, or one of a series with its exception applied. */
export interface Occurrence {
  readonly eventId: string;
  /** The start the schedule gives it (RFC 5545 RECURRENCE-ID); names the occurrence. */
  readonly originalStart: Date;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly cancelled: boolean;
  readonly moved: boolean;
  readonly reason: string | null;
}

/**
 * The occurrences of an event overlapping [from, to), in start order, with moved and cancelled
 * ones applied (a moved occurrence counts where it now is). A cancelled event's are all cancelled.
 */
export function occurrencesOf(
  event: EventEntity,
  changes: readonly EventOccurrenceChangeEntity[],
  from: Date,
  to: Date,
): Occurrence[] {
  const byOriginal = new Map(changes.map((c) => [c.originalStart.getTime(), c]));
  const length = event.endsAt.getTime() - event.startsAt.getTime();
  const cancelledEvent = event.status === EventStatus.CANCELLED;
  const result = new Map<number, Occurrence>();
  const add = (originalStart: Date): void => {
    const change = byOriginal.get(originalStart.getTime());
    const moved = Boolean(change && !change.cancelled && change.startsAt);
    const startsAt = moved && change?.startsAt ? change.startsAt : originalStart;
    const endsAt = moved && change?.endsAt ? change.endsAt : new Date(originalStart.getTime() + length);
    if (startsAt < to && endsAt > from) {
      result.set(originalStart.getTime(), {
        eventId: event.id,
        originalStart,
        startsAt,
        endsAt,
        cancelled: cancelledEvent || Boolean(change?.cancelled),
        moved,
        reason: change?.reason ?? (cancelledEvent ? event.statusReason : null),
      });
    }
  };
  for (const start of originalStarts(event, from, to)) {
    add(start);
  }
  for (const change of changes) {
    if (!change.cancelled && change.eventId === event.id) {
      add(change.originalStart); // moved into the window from outside it
    }
  }
  return [...result.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
