import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { rrulestr } from 'rrule';
import { localTimeOf, occurrences, zonedInstant } from '@app/common';
import type { EventEntity, EventOccurrenceChangeEntity } from './event.entities';
import { EventStatus } from './event.enums';
import { LISTS_PER_EVENT, OCCURRENCES_PER_TURN, OccurrenceBudget, occurrencesOf } from './occurrences';

const DAY_MS = 86_400_000;
const RUNS = { numRuns: 60 };

// Zones with clock changes in both hemispheres, and times on and off the changes' hour.
const recurrence = fc.record({
  rule: fc.constantFrom(
    'FREQ=DAILY',
    'FREQ=DAILY;INTERVAL=3',
    'FREQ=WEEKLY',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH',
    'FREQ=MONTHLY;BYDAY=1TU',
    'FREQ=MONTHLY;BYMONTHDAY=31',
    'FREQ=MONTHLY;BYDAY=-1SU',
    'FREQ=YEARLY',
    'FREQ=WEEKLY;COUNT=10',
  ),
  firstStart: fc
    .tuple(
      fc.date({ min: new Date('2026-01-01T00:00Z'), max: new Date('2027-12-31T00:00Z'), noInvalidDate: true }),
      fc.constantFrom('01:30', '02:30', '09:00', '18:30', '23:45'),
    )
    .map(([day, time]) => `${day.toISOString().slice(0, 10)}T${time}`),
  zone: fc.constantFrom('Europe/London', 'America/New_York', 'Australia/Sydney'),
});
const window = fc
  .tuple(
    fc.date({ min: new Date('2025-12-01T00:00Z'), max: new Date('2028-06-01T00:00Z'), noInvalidDate: true }),
    fc.integer({ min: 1, max: 120 }),
  )
  .map(([from, days]) => ({ from, to: new Date(from.getTime() + days * DAY_MS) }));

/** The rule's own local starts, expanded by rrule on wall-clock time with no bounds of ours. */
function localStarts(rule: string, firstStart: string, from: Date, to: Date): Set<string> {
  const dtstart = DateTime.fromISO(firstStart, { zone: 'UTC' }).toJSDate();
  const walls = rrulestr(`RRULE:${rule}`, { dtstart }).between(
    new Date(from.getTime() - 2 * DAY_MS),
    new Date(to.getTime() + 2 * DAY_MS),
    true,
  );
  return new Set(walls.map((wall) => wall.toISOString().slice(0, 16)));
}

/** Instants the rule gives in [from, to), by the slow road: every local start read in its zone. */
function expected(r: { rule: string; firstStart: string; zone: string }, from: Date, to: Date): Date[] {
  const result: Date[] = [];
  for (const local of localStarts(r.rule, r.firstStart, from, to)) {
    let instant: Date;
    try {
      instant = zonedInstant(local, r.zone);
    } catch {
      continue; // skipped by a clock change: left out
    }
    if (instant >= from && instant < to) {
      result.push(instant);
    }
  }
  return result.sort((a, b) => a.getTime() - b.getTime());
}

/** The instant of a local time in its zone, if the clocks do not skip it. */
function existingInstant(local: string, zone: string): Date | undefined {
  try {
    return zonedInstant(local, zone);
  } catch {
    return undefined;
  }
}

describe('occurrences of a recurrence rule (properties)', () => {
  it('gives exactly the rule’s starts in the window, in order, at the first start’s local time', () => {
    fc.assert(
      fc.property(recurrence, window, (r, { from, to }) => {
        const result = occurrences(r, from, to);
        expect(result).toEqual(expected(r, from, to));
        const time = r.firstStart.slice(11);
        for (const [i, start] of result.entries()) {
          expect(start >= from && start < to).toBe(true);
          expect(localTimeOf(start, r.zone).slice(11)).toBe(time); // stays local across clock changes
          if (i > 0) {
            expect(start.getTime()).toBeGreaterThan(result[i - 1].getTime());
          }
        }
      }),
      RUNS,
    );
  });

  it('holds at most `limit`, and those are the first of the window', () => {
    fc.assert(
      fc.property(recurrence, window, fc.integer({ min: 1, max: 20 }), (r, { from, to }, limit) => {
        const all = occurrences(r, from, to);
        expect(occurrences(r, from, to, limit)).toEqual(all.slice(0, limit));
      }),
      RUNS,
    );
  });

  it('leaves out the exceptions, and only them', () => {
    fc.assert(
      fc.property(recurrence, window, fc.nat(), (r, { from, to }, pick) => {
        const all = occurrences(r, from, to);
        fc.pre(all.length > 0);
        const left = all[pick % all.length];
        const without = occurrences({ ...r, exceptions: [localTimeOf(left, r.zone)] }, from, to);
        expect(without).toEqual(all.filter((start) => start.getTime() !== left.getTime()));
      }),
      RUNS,
    );
  });
});

describe('occurrencesOf an event', () => {
  const series = (over: Partial<EventEntity> = {}): EventEntity =>
    ({
      id: 'e1',
      startsAt: zonedInstant('2026-01-06T18:30', 'Europe/London'),
      endsAt: zonedInstant('2026-01-06T20:00', 'Europe/London'),
      timeZone: 'Europe/London',
      recurrenceRule: 'FREQ=WEEKLY',
      status: EventStatus.SCHEDULED,
      statusReason: null,
      ...over,
    }) as EventEntity;
  const change = (over: Partial<EventOccurrenceChangeEntity>): EventOccurrenceChangeEntity =>
    ({
      eventId: 'e1',
      startsAt: null,
      endsAt: null,
      cancelled: false,
      reason: null,
      ...over,
    }) as EventOccurrenceChangeEntity;
  const from = new Date('2026-01-01T00:00Z');
  const to = new Date('2026-02-01T00:00Z');
  const starts = (list: { startsAt: Date }[]) => list.map((o) => localTimeOf(o.startsAt, 'Europe/London'));

  it('shares the list of a series nothing changed between calls and limits it fits, until the event or window differ', () => {
    const first = occurrencesOf(series(), [], from, to);
    expect(occurrencesOf(series(), [], from, to)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(starts(first)).toEqual(['2026-01-06T18:30', '2026-01-13T18:30', '2026-01-20T18:30', '2026-01-27T18:30']);
    const later = series({
      startsAt: zonedInstant('2026-01-07T18:30', 'Europe/London'),
      endsAt: zonedInstant('2026-01-07T20:00', 'Europe/London'),
    });
    expect(starts(occurrencesOf(later, [], from, to))[0]).toBe('2026-01-07T18:30');
    expect(starts(occurrencesOf(series(), [], from, to, 2))).toEqual(['2026-01-06T18:30', '2026-01-13T18:30']);
    expect(starts(occurrencesOf(series(), [], new Date('2026-01-10T00:00Z'), to))[0]).toBe('2026-01-13T18:30');
    expect(occurrencesOf(series({ recurrenceRule: 'FREQ=DAILY' }), [], from, to)).toHaveLength(26);
    expect(occurrencesOf(series({ status: EventStatus.CANCELLED }), [], from, to).every((o) => o.cancelled)).toBe(true);
    expect(occurrencesOf(series(), [], from, to)).toBe(first);
    // A page's lists are expanded to what its budget has left: any limit the whole list fits gets it.
    expect(occurrencesOf(series(), [], from, to, 6)).toBe(first);
    expect(occurrencesOf(series(), [], from, to, 5)).not.toBe(first); // it might have been cut
    expect(occurrencesOf(series(), [], from, to, 5)).toEqual(first);
  });

  it('keeps the lists of a few windows of one series, the latest kept, and no more', () => {
    const event = (): EventEntity => series({ id: 'e-windows' });
    const windows = Array.from(
      { length: LISTS_PER_EVENT + 1 },
      (_, day) => new Date(from.getTime() + day * 86_400_000),
    );
    const lists = windows.map((start) => occurrencesOf(event(), [], start, to));
    windows.slice(1).forEach((start, i) => expect(occurrencesOf(event(), [], start, to)).toBe(lists[i + 1]));
    const again = occurrencesOf(event(), [], windows[0], to);
    expect(again).not.toBe(lists[0]); // the oldest was let go
    expect(again).toEqual(lists[0]);
    expect(occurrencesOf(series({ id: 'e-other' }), [], windows[1], to)).not.toBe(lists[1]);
  });

  it('keeps the list read between windows asked once, however many of those come (a clash check asks each from now on)', () => {
    const event = (): EventEntity => series({ id: 'e-hot' });
    const hot = occurrencesOf(event(), [], from, to);
    for (let day = 1; day <= LISTS_PER_EVENT * 2; day++) {
      occurrencesOf(event(), [], new Date(from.getTime() + day * 3_600_000), to);
      expect(occurrencesOf(event(), [], from, to)).toBe(hot);
    }
  });

  it('gives a series nothing changed, whatever limit it was last read to, as the general road gives it (properties)', () => {
    fc.assert(
      fc.property(
        recurrence,
        window,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        (r, { from, to }, before, limit) => {
          const startsAt = existingInstant(r.firstStart, r.zone);
          fc.pre(startsAt !== undefined);
          const event = series({
            id: `limits-${r.rule}`,
            startsAt,
            endsAt: new Date(startsAt.getTime() + 3_600_000),
            timeZone: r.zone,
            recurrenceRule: r.rule,
          });
          occurrencesOf(event, [], from, to, before); // kept, if it was whole
          const far = change({ originalStart: new Date('2100-01-05T09:00Z'), cancelled: true });
          expect(occurrencesOf(event, [], from, to, limit)).toEqual(occurrencesOf(event, [far], from, to, limit));
        },
      ),
      RUNS,
    );
  });

  it('gives a series nothing changed as it gives one with an unrelated change (properties)', () => {
    fc.assert(
      fc.property(recurrence, window, fc.integer({ min: 15, max: 3 * 24 * 60 }), (r, { from, to }, minutes) => {
        const startsAt = existingInstant(r.firstStart, r.zone);
        fc.pre(startsAt !== undefined); // an event cannot start in a clock change's gap
        const event = series({
          startsAt,
          endsAt: new Date(startsAt.getTime() + minutes * 60_000),
          timeZone: r.zone,
          recurrenceRule: r.rule,
        });
        // A cancellation far outside the window: the general road, with nothing to apply.
        const far = change({ originalStart: new Date('2100-01-05T09:00Z'), cancelled: true });
        expect(occurrencesOf(event, [], from, to)).toEqual(occurrencesOf(event, [far], from, to));
      }),
      RUNS,
    );
  });

  it('gives a single event once, if it overlaps the window', () => {
    const single = series({ recurrenceRule: null });
    expect(starts(occurrencesOf(single, [], from, to))).toEqual(['2026-01-06T18:30']);
    expect(occurrencesOf(single, [], new Date('2026-01-06T20:00Z'), to)).toEqual([]);
  });

  it('applies a cancellation and a move, and keeps start order', () => {
    const result = occurrencesOf(
      series(),
      [
        change({ originalStart: new Date('2026-01-13T18:30Z'), cancelled: true, reason: 'snow' }),
        change({
          originalStart: new Date('2026-01-20T18:30Z'),
          startsAt: new Date('2026-01-26T09:00Z'),
          endsAt: new Date('2026-01-26T10:00Z'),
        }),
      ],
      from,
      to,
    );
    expect(starts(result)).toEqual(['2026-01-06T18:30', '2026-01-13T18:30', '2026-01-26T09:00', '2026-01-27T18:30']);
    expect(result[1]).toMatchObject({ cancelled: true, reason: 'snow', moved: false });
    expect(result[2]).toMatchObject({ moved: true, originalStart: new Date('2026-01-20T18:30Z') });
  });

  it('counts an occurrence moved in from outside the window where it now is', () => {
    const moved = change({
      originalStart: new Date('2026-02-03T18:30Z'),
      startsAt: new Date('2026-01-30T09:00Z'),
      endsAt: new Date('2026-01-30T10:00Z'),
    });
    expect(starts(occurrencesOf(series(), [moved], from, to))).toContain('2026-01-30T09:00');
  });

  it('cancels all of a cancelled event’s occurrences, giving its reason', () => {
    const result = occurrencesOf(series({ status: EventStatus.CANCELLED, statusReason: 'ended' }), [], from, to);
    expect(result.length).toBe(4);
    expect(result.every((o) => o.cancelled && o.reason === 'ended')).toBe(true);
  });
});

describe('OccurrenceBudget: turns of the event loop', () => {
  it('gives a list a turn of its own once the lists before it expanded OCCURRENCES_PER_TURN, refused ones counted', async () => {
    expect(OCCURRENCES_PER_TURN).toBe(250);
    // Counts turns of the event loop while the lists run.
    let turn = 0;
    let counting = true;
    const tick = (): void => {
      turn++;
      if (counting) {
        setImmediate(tick);
      }
    };
    setImmediate(tick);
    const budget = new OccurrenceBudget();
    /** A list of `count` occurrences: the turn it ran in, and whether the budget took it. */
    const list = async (count: number): Promise<[number, boolean]> => {
      await budget.turn();
      const at = turn;
      try {
        budget.take(count);
        return [at, true];
      } catch {
        return [at, false];
      }
    };
    try {
      const [a, b, c, d, e, f, g] = await Promise.all([
        list(100),
        list(100),
        list(40), // 240 expanded: the next list still runs in this turn
        list(10), // 250: the next list waits for a turn
        list(10),
        list(400), // 260 taken, 240 left: refused, but expanded
        list(1), // after a refused list's 400: a turn of its own, and taken
      ]);
      expect([a[0], b[0], c[0], d[0]]).toEqual([a[0], a[0], a[0], a[0]]);
      expect(e[0]).toBeGreaterThan(d[0]);
      expect(f).toEqual([e[0], false]);
      expect(g[0]).toBeGreaterThan(f[0]);
      expect([a, b, c, d, e, g].every(([, taken]) => taken)).toBe(true);
    } finally {
      counting = false;
    }
  });

  it('lets a list be expanded without a turn only while none waits for one and the turn has room', async () => {
    const budget = new OccurrenceBudget();
    expect(budget.inTurn).toBe(true);
    budget.take(249);
    expect(budget.inTurn).toBe(true);
    const waiting = budget.turn();
    expect(budget.inTurn).toBe(false); // a list waits: those after it wait too, in order
    await waiting;
    expect(budget.inTurn).toBe(true);
    budget.take(1); // 250 since the last turn
    expect(budget.inTurn).toBe(false);
    await budget.turn(); // a turn of the event loop of its own
    expect(budget.inTurn).toBe(true);
  });
});
