import { setImmediate } from 'node:timers/promises';
import { LRUCache } from 'lru-cache';
import { DomainError } from '@app/common';
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
  /** Most occurrences the rule is expanded to (moved-in ones come on top). */
  limit = 1000,
): Occurrence[] {
  const plainSeries = changes.length === 0 && event.status !== EventStatus.CANCELLED;
  const known = plainSeries ? keptList(event, from, to) : undefined;
  if (known && whole(known.starts, limit)) {
    return known.occurrences;
  }
  const starts = originalStarts(event, from, to, limit);
  const plain = plainSeries ? unchanged(event, starts, from, to) : null;
  if (plain) {
    if (whole(starts.length, limit)) {
      keepList(event, from, to, Object.freeze(plain) as Occurrence[], starts.length);
    }
    return plain;
  }
  const byOriginal = new Map(changes.map((c) => [c.originalStart.getTime(), c]));
  const result = new Map<number, Occurrence>();
  const add = (originalStart: Date): void => {
    const occurrence = withChange(event, byOriginal.get(originalStart.getTime()), originalStart);
    if (occurrence.startsAt < to && occurrence.endsAt > from) {
      result.set(originalStart.getTime(), occurrence);
    }
  };
  for (const start of starts) {
    add(start);
  }
  for (const change of changes) {
    if (!change.cancelled && change.eventId === event.id) {
      add(change.originalStart); // moved into the window from outside it
    }
  }
  return [...result.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/**
 * Lists of series nothing moved or cancelled, by event and then by all else they are made of: an
 * edit of the event, a new window is another list. Shared by requests (frozen: callers only read
 * them); a dashboard's page asks for the same windows request after request, and expanding was a
 * tenth of its CPU. Found by the event's id, then its schedule and the window compared field by
 * field: a key of them all was a fresh 150-character string hashed per event (12 µs a page of 20,
 * 4 % of the page; 2 µs this way). Bounded in events, lists per event and the occurrences they hold.
 */
const unchangedLists = new LRUCache<string, readonly KeptList[]>({
  max: 4_000,
  maxSize: 100_000,
  sizeCalculation: (lists) => lists.reduce((sum, { occurrences }) => sum + Math.max(occurrences.length, 1), 0),
});

/** Lists kept per event: the windows in use (pages, calendars, people's own ranges), an edit's beside the old ones. */
export const LISTS_PER_EVENT = 8;

/** What a kept list is made of besides the event: its schedule and the window. */
interface ListKey {
  readonly startsAt: number;
  readonly endsAt: number;
  readonly timeZone: string;
  readonly recurrenceRule: string | null;
  readonly from: number;
  readonly to: number;
}

interface KeptList extends ListKey {
  readonly occurrences: Occurrence[];
  readonly starts: number;
}

const listKey = (event: EventEntity, from: Date, to: Date): ListKey => ({
  startsAt: event.startsAt.getTime(),
  endsAt: event.endsAt.getTime(),
  timeZone: event.timeZone,
  recurrenceRule: event.recurrenceRule ?? null,
  from: from.getTime(),
  to: to.getTime(),
});

const sameKey = (a: ListKey, b: ListKey): boolean =>
  a.startsAt === b.startsAt &&
  a.endsAt === b.endsAt &&
  a.from === b.from &&
  a.to === b.to &&
  a.timeZone === b.timeZone &&
  a.recurrenceRule === b.recurrenceRule;

/** The list, moved first among the event's when it was not (most recently used first: see `keepList`). */
function keptList(event: EventEntity, from: Date, to: Date): KeptList | undefined {
  const lists = unchangedLists.get(event.id);
  if (lists === undefined) {
    return undefined;
  }
  const key = listKey(event, from, to);
  const at = lists.findIndex((list) => sameKey(list, key));
  if (at > 0) {
    unchangedLists.set(event.id, [lists[at], ...lists.slice(0, at), ...lists.slice(at + 1)]);
  }
  return at < 0 ? undefined : lists[at];
}

/**
 * Most recently used first, the least dropped past LISTS_PER_EVENT: windows asked once (a clash
 * check's) do not push out those asked on every read. Set anew, not changed in place, so the cache
 * measures the event's lists again. Lists of one rule share its text (each read has its own copy).
 */
function keepList(event: EventEntity, from: Date, to: Date, occurrences: Occurrence[], starts: number): void {
  const key = listKey(event, from, to);
  const others = (unchangedLists.peek(event.id) ?? []).filter((kept) => !sameKey(kept, key));
  const recurrenceRule = others.find((kept) => kept.recurrenceRule === key.recurrenceRule)?.recurrenceRule;
  const list: KeptList = { ...key, recurrenceRule: recurrenceRule ?? key.recurrenceRule, occurrences, starts };
  unchangedLists.set(event.id, [list, ...others.slice(0, LISTS_PER_EVENT - 1)]);
}

/**
 * Whether a list is all the window holds whatever the limit was, so one kept list serves every
 * limit (a page's lists are expanded to what its budget has left, which differs by their place on
 * it): the rule's expansion (`starts` of it kept) stopped short of `limit`. `originalStarts` drops at most one start of
 * its expansion (one at exactly `from` minus the length), hence the margin of one.
 */
const whole = (starts: number, limit: number): boolean => starts < limit - 1;

/**
 * Occurrences of a series nothing moved or cancelled, as `occurrencesOf` gives them, where the
 * rule's starts are in order (null if not): no lookups of changes, no map and no sort, for most
 * series on a page of events.
 */
function unchanged(event: EventEntity, starts: readonly Date[], from: Date, to: Date): Occurrence[] | null {
  const length = event.endsAt.getTime() - event.startsAt.getTime();
  const fromTime = from.getTime();
  const toTime = to.getTime();
  const result: Occurrence[] = [];
  let last = -Infinity;
  for (const startsAt of starts) {
    const start = startsAt.getTime();
    if (!(start > last)) {
      return null;
    }
    last = start;
    const endsAt = start < toTime ? new Date(start + length) : null;
    // NaN (an end past the last instant a Date holds) is not after `from`, as before.
    if (endsAt && endsAt.getTime() > fromTime) {
      result.push({
        eventId: event.id,
        originalStart: startsAt,
        startsAt,
        endsAt,
        cancelled: false,
        moved: false,
        reason: null,
      });
    }
  }
  return result;
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

/** Longest window an occurrence list covers. */
export const MAX_WINDOW_DAYS = 366;
/** Most occurrences one answer holds, across all the lists in it. */
export const MAX_OCCURRENCES = 500;

/** A window `from`–`to` an occurrence list may cover; refusals name `to`. */
export function assertWindow(from: Date, to: Date): void {
  if (to <= from) {
    throw DomainError.invalidInput('to', 'must be after `from`');
  }
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
    throw DomainError.invalidInput('to', `must be at most ${MAX_WINDOW_DAYS} days after \`from\``);
  }
}

/**
 * Occurrences a page's lists expand between turns of the event loop: a list starts in a turn of its
 * own once those before it expanded this many since the last one, counting refused lists (which
 * expand up to `probe` before they are refused, and the lists after them too).
 */
export const OCCURRENCES_PER_TURN = 250;

/** How many more occurrences one answer may hold; past MAX_OCCURRENCES it is refused, naming `to`. */
export class OccurrenceBudget {
  private left = MAX_OCCURRENCES;
  private turns: Promise<void> = Promise.resolve();
  /** Occurrences expanded since the last turn of the event loop. */
  private expanded = 0;
  /** Calls of `turn` not yet resolved. */
  private waiting = 0;

  /**
   * Whether a list may be expanded now, without `turn`: none waits for a turn before it and the
   * lists since the last turn expanded fewer than OCCURRENCES_PER_TURN.
   */
  get inTurn(): boolean {
    return this.waiting === 0 && this.expanded < OCCURRENCES_PER_TURN;
  }

  /**
   * Resolves after the lists asked for before have been expanded, in a turn of the event loop of its
   * own once they expanded OCCURRENCES_PER_TURN since the last: other requests run between them, a
   * page of a few series is not spread over a turn each (a turn cost about as much as expanding a
   * weekly series' quarter), and no turn expands much more than that plus one list.
   */
  turn(): Promise<void> {
    this.waiting++;
    this.turns = this.turns.then(async () => {
      if (this.expanded >= OCCURRENCES_PER_TURN) {
        this.expanded = 0;
        await setImmediate();
      }
      this.waiting--;
    });
    return this.turns;
  }

  /** One more than may still be taken: expanding that many shows whether the cap is passed. */
  get probe(): number {
    return this.left + 1;
  }

  take(count: number): void {
    this.expanded += count;
    if (count > this.left) {
      throw DomainError.invalidInput(
        'to',
        `the window holds more than ${MAX_OCCURRENCES} occurrences in this answer: ask for a shorter one`,
      );
    }
    this.left -= count;
  }
}
