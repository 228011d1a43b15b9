import type { EventEntity, EventOccurrenceChangeEntity } from './event.entities';
import { EventStatus } from './event.enums';
import { isOriginalStart, originalStarts } from './schedule';

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
  const result = new Map<number, Occurrence>();
  const add = (originalStart: Date): void => {
    const occurrence = withChange(event, byOriginal.get(originalStart.getTime()), originalStart);
    if (occurrence.startsAt < to && occurrence.endsAt > from) {
      result.set(originalStart.getTime(), occurrence);
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

/** The occurrence a series' rule gives at `originalStart` (moved or cancelled as changed), if any. */
export function occurrenceAt(
  event: EventEntity,
  changes: readonly EventOccurrenceChangeEntity[],
  originalStart: Date,
): Occurrence | undefined {
  if (!isOriginalStart(event, originalStart)) {
    return undefined;
  }
  return withChange(
    event,
    changes.find((c) => c.originalStart.getTime() === originalStart.getTime()),
    originalStart,
  );
}

/** An occurrence with its change (a move or cancellation), if it has one. A cancelled event's are all cancelled. */
function withChange(
  event: EventEntity,
  change: EventOccurrenceChangeEntity | undefined,
  originalStart: Date,
): Occurrence {
  const moved = Boolean(change && !change.cancelled && change.startsAt && change.endsAt);
  const length = event.endsAt.getTime() - event.startsAt.getTime();
  const cancelledEvent = event.status === EventStatus.CANCELLED;
  return {
    eventId: event.id,
    originalStart,
    startsAt: moved && change?.startsAt ? change.startsAt : originalStart,
    endsAt: moved && change?.endsAt ? change.endsAt : new Date(originalStart.getTime() + length),
    cancelled: cancelledEvent || Boolean(change?.cancelled),
    moved,
    reason: change?.reason ?? (cancelledEvent ? event.statusReason : null),
  };
}
