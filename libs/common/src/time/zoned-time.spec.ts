import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { rrulestr } from 'rrule';
import { assertRecurrenceRule, localTimeOf, occurrences, zonedInstant, ZonedTimeError } from './zoned-time';

const LONDON = 'Europe/London';
const iso = (d: Date) => d.toISOString().slice(0, 16);

describe('local times in a zone, across the clock changes', () => {
  it('reads GMT in winter and BST in summer', () => {
    expect(iso(zonedInstant('2026-01-06T18:30', LONDON))).toBe('2026-01-06T18:30');
    expect(iso(zonedInstant('2026-07-07T18:30', LONDON))).toBe('2026-07-07T17:30');
  });

  it('refuses a time the March change skips, and takes either side of it', () => {
    // 29 March 2026: 01:00 GMT becomes 02:00 BST.
    expect(() => zonedInstant('2026-03-29T01:30', LONDON)).toThrow(ZonedTimeError);
    expect(iso(zonedInstant('2026-03-29T00:59', LONDON))).toBe('2026-03-29T00:59');
    expect(iso(zonedInstant('2026-03-29T02:00', LONDON))).toBe('2026-03-29T01:00');
  });

  it('reads a time the October change repeats as its first occurrence (BST)', () => {
    // 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice.
    expect(iso(zonedInstant('2026-10-25T01:30', LONDON))).toBe('2026-10-25T00:30');
    expect(iso(zonedInstant('2026-10-25T02:30', LONDON))).toBe('2026-10-25T02:30');
    expect(localTimeOf(new Date('2026-10-25T00:30Z'), LONDON)).toBe('2026-10-25T01:30');
    expect(localTimeOf(new Date('2026-10-25T01:30Z'), LONDON)).toBe('2026-10-25T01:30');
  });

  it('names the problem with unknown zones and malformed times', () => {
    const problem = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as ZonedTimeError).problem;
      }
      return null;
    };
    expect(problem(() => zonedInstant('2026-01-06T18:30', 'Mars/Olympus'))).toBe('UNKNOWN_TIME_ZONE');
    expect(problem(() => zonedInstant('2026-02-30T18:30', LONDON))).toBe('MALFORMED');
    expect(problem(() => zonedInstant('6 Jan 2026 18:30', LONDON))).toBe('MALFORMED');
    expect(problem(() => zonedInstant('2026-03-29T01:30', LONDON))).toBe('SKIPPED_BY_CLOCK_CHANGE');
  });
});

describe('recurrence on wall-clock time', () => {
  const monthly = { rule: 'FREQ=MONTHLY;BYDAY=1TU', firstStart: '2026-01-06T18:30', zone: LONDON };
  const year = [new Date('2026-01-01T00:00Z'), new Date('2027-01-01T00:00Z')] as const;

  it('keeps the first Tuesday of each month at 18:30 local through both changes', () => {
    const starts = occurrences(monthly, ...year);
    expect(starts.map((d) => localTimeOf(d, LONDON))).toEqual([
      '2026-01-06T18:30',
      '2026-02-03T18:30',
      '2026-03-03T18:30',
      '2026-04-07T18:30',
      '2026-05-05T18:30',
      '2026-06-02T18:30',
      '2026-07-07T18:30',
      '2026-08-04T18:30',
      '2026-09-01T18:30',
      '2026-10-06T18:30',
      '2026-11-03T18:30',
      '2026-12-01T18:30',
    ]);
    // GMT before 29 March and after 25 October, BST between.
    expect(iso(starts[2])).toBe('2026-03-03T18:30');
    expect(iso(starts[3])).toBe('2026-04-07T17:30');
    expect(iso(starts[9])).toBe('2026-10-06T17:30');
    expect(iso(starts[10])).toBe('2026-11-03T18:30');
  });

  it('leaves out exceptions, and answers only the window asked for', () => {
    const starts = occurrences({ ...monthly, exceptions: ['2026-08-04T18:30'] }, ...year);
    expect(starts).toHaveLength(11);
    expect(starts.map((d) => localTimeOf(d, LONDON))).not.toContain('2026-08-04T18:30');
    const spring = occurrences(monthly, new Date('2026-03-01T00:00Z'), new Date('2026-05-01T00:00Z'));
    expect(spring.map((d) => localTimeOf(d, LONDON))).toEqual(['2026-03-03T18:30', '2026-04-07T18:30']);
  });

  it('refuses malformed rules with the reason', () => {
    expect(() => assertRecurrenceRule('FREQ=SOMETIMES', '2026-01-06T18:30')).toThrow(ZonedTimeError);
    expect(() => assertRecurrenceRule('BYDAY=1TU', '2026-01-06T18:30')).toThrow(ZonedTimeError);
    expect(() => assertRecurrenceRule('FREQ=WEEKLY\nDTSTART:20260101T000000Z', '2026-01-06T18:30')).toThrow(
      ZonedTimeError,
    );
    expect(() => assertRecurrenceRule('FREQ=WEEKLY;INTERVAL=abc', '2026-01-06T18:30')).toThrow(ZonedTimeError);
    expect(() => assertRecurrenceRule('FREQ=WEEKLY;BYDAY=XX', '2026-01-06T18:30')).toThrow(ZonedTimeError);
    expect(() => assertRecurrenceRule('FREQ=WEEKLY;BYDAY=MO;INTERVAL=2', '2026-01-06T18:30')).not.toThrow();
  });

  it('refuses rules finer than daily, which could expand to millions of starts', () => {
    for (const rule of [
      'FREQ=SECONDLY',
      'FREQ=minutely',
      'FREQ=HOURLY;INTERVAL=6',
      'FREQ=DAILY;BYHOUR=1,2,3',
      'FREQ=DAILY;BYMINUTE=5',
    ]) {
      expect(() => assertRecurrenceRule(rule, '2026-01-06T18:30')).toThrow(/not allowed/);
    }
  });

  it('stops expanding at the limit', () => {
    const found = occurrences(
      { rule: 'FREQ=DAILY', firstStart: '2026-01-01T09:00', zone: 'Europe/London' },
      new Date('2026-01-01T00:00:00Z'),
      new Date('2027-01-01T00:00:00Z'),
      10,
    );
    expect(found).toHaveLength(10);
    expect(found[9]?.toISOString()).toBe('2026-01-10T09:00:00.000Z');
  });
});

describe('bounded recurrence walks', () => {
  /** What rrule gives walking the whole way from the first start, unbounded. */
  const reference = (rule: string, firstStart: string, from: Date, to: Date): string[] =>
    rrulestr(`RRULE:${rule}`, { dtstart: DateTime.fromISO(firstStart, { zone: 'UTC' }).toJSDate() })
      .between(new Date(from.getTime() - 86_400_000), new Date(to.getTime() + 86_400_000), true)
      .map((wall) => DateTime.fromJSDate(wall, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm"))
      .filter((local) => !local.endsWith('T01:30') || DateTime.fromISO(local, { zone: LONDON }).hour === 1)
      .map((local) => zonedInstant(local, LONDON))
      .filter((instant) => instant >= from && instant < to)
      .map((instant) => localTimeOf(instant, LONDON));

  it.each([
    'FREQ=DAILY',
    'FREQ=DAILY;INTERVAL=3',
    'FREQ=DAILY;BYDAY=MO,WE;BYMONTH=1,6',
    'FREQ=WEEKLY',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH',
    'FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,SA',
    'FREQ=MONTHLY',
    'FREQ=MONTHLY;INTERVAL=5',
    'FREQ=MONTHLY;BYDAY=1TU',
    'FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=2',
    'FREQ=MONTHLY;BYMONTHDAY=-1',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=YEARLY',
    'FREQ=YEARLY;INTERVAL=3;BYMONTH=3;BYDAY=2WE',
    'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
    'FREQ=YEARLY;BYYEARDAY=100,-1',
    'FREQ=WEEKLY;UNTIL=20290101T000000Z',
  ])('gives what the unbounded walk gives for %s, in windows years after the first start', (rule) => {
    for (const firstStart of ['2026-01-31T18:30', '2028-02-29T10:00', '2026-10-25T01:30']) {
      for (const [from, to] of [
        ['2026-01-01', '2026-04-01'],
        ['2027-03-15', '2028-03-15'],
        ['2031-02-10', '2031-11-03'],
      ]) {
        const window = [new Date(`${from}T00:00Z`), new Date(`${to}T00:00Z`)] as const;
        const recurrence = { rule, firstStart, zone: LONDON };
        expect([rule, firstStart, from, occurrences(recurrence, ...window).map((d) => localTimeOf(d, LONDON))]).toEqual(
          [rule, firstStart, from, reference(rule, firstStart, ...window)],
        );
      }
    }
  });

  it.each([
    'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31',
    'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=5',
  ])('walks %s, which never gives a date, only as far as the window', (rule) => {
    const recurrence = { rule, firstStart: '2026-01-06T18:30', zone: LONDON };
    const started = performance.now();
    expect(occurrences(recurrence, new Date('2026-01-06T18:30Z'), new Date('2026-01-06T18:31Z'))).toEqual([]);
    expect(occurrences(recurrence, new Date('2090-01-01T00:00Z'), new Date('2091-01-01T00:00Z'))).toEqual([]);
    // Unbounded, rrule walks to the year 9999: tens of seconds for a daily rule.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('keeps to the window and the limit for a daily series asked about decades later', () => {
    const daily = { rule: 'FREQ=DAILY', firstStart: '2026-01-06T18:30', zone: LONDON };
    const starts = occurrences(daily, new Date('2076-01-01T00:00Z'), new Date('2077-01-01T00:00Z'), 50);
    expect(starts).toHaveLength(50);
    expect(localTimeOf(starts[0], LONDON)).toBe('2076-01-01T18:30');
  });
});

describe('remembered walks', () => {
  /** Expanded afresh with rrule, no bounds and nothing remembered: each local start and its instant. */
  const fresh = (
    recurrence: { rule: string; firstStart: string; zone: string },
    from: Date,
    to: Date,
  ): { local: string; instant: string }[] =>
    rrulestr(`RRULE:${recurrence.rule}`, {
      dtstart: DateTime.fromISO(recurrence.firstStart, { zone: 'UTC' }).toJSDate(),
    })
      .between(new Date(from.getTime() - 86_400_000), new Date(to.getTime() + 86_400_000), true)
      .map((wall) => DateTime.fromJSDate(wall, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm"))
      .flatMap((local) => {
        try {
          return [{ local, at: zonedInstant(local, recurrence.zone) }];
        } catch {
          return []; // skipped by the clocks
        }
      })
      .filter(({ at }) => at >= from && at < to)
      .map(({ local, at }) => ({ local, instant: at.toISOString() }));
  /** The first `limit` of a fresh expansion, leaving out the exceptions. */
  const expected = (
    all: readonly { local: string; instant: string }[],
    limit: number,
    exceptions: readonly string[] = [],
  ): string[] =>
    all
      .filter(({ local }) => !exceptions.includes(local))
      .slice(0, limit)
      .map(({ instant }) => instant);

  const zones = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'];
  const rules = [
    'FREQ=DAILY',
    'FREQ=WEEKLY',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
    'FREQ=MONTHLY;BYDAY=1TU',
    'FREQ=MONTHLY;BYMONTHDAY=-1',
    'FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU',
    'FREQ=DAILY;COUNT=40',
  ];
  // Windows over the clock changes of both hemispheres, from their first start and years later.
  const windows = [
    ['2026-03-01', '2026-04-15'],
    ['2026-09-20', '2026-11-10'],
    ['2030-01-01', '2031-01-01'],
  ] as const;

  it.each(rules)('gives %s as a fresh expansion does, whatever limit or exceptions each call asks', (rule) => {
    for (const zone of zones) {
      for (const firstStart of ['2026-01-06T18:30', '2026-03-08T02:30', '2026-10-04T01:30']) {
        for (const [from, to] of windows) {
          const window = [new Date(`${from}T00:00Z`), new Date(`${to}T00:00Z`)] as const;
          const all = fresh({ rule, firstStart, zone }, ...window);
          // Small limits first (walks cut short), then larger ones (walked again), then smaller again.
          for (const [limit, exceptions] of [
            [2, []],
            [1, []],
            [400, []],
            [3, all.slice(0, 2).map(({ local }) => local)],
            [5, []],
            [1000, all.slice(-1).map(({ local }) => local)],
          ] as const) {
            const recurrence = { rule, firstStart, zone, exceptions };
            expect([rule, zone, firstStart, from, limit, occurrences(recurrence, ...window, limit).map(isoOf)]).toEqual(
              [rule, zone, firstStart, from, limit, expected(all, limit, exceptions)],
            );
          }
        }
      }
    }
  });

  it('walks a series anew once its rule, first start or zone is edited', () => {
    const window = [new Date('2026-03-01T00:00Z'), new Date('2026-06-01T00:00Z')] as const;
    const weekly = { rule: 'FREQ=WEEKLY', firstStart: '2026-01-06T18:30', zone: LONDON };
    for (const edited of [
      weekly,
      { ...weekly, rule: 'FREQ=WEEKLY;INTERVAL=2' },
      { ...weekly, firstStart: '2026-01-07T09:00' },
      { ...weekly, zone: 'America/New_York' },
      weekly,
    ]) {
      expect(occurrences(edited, ...window).map(isoOf)).toEqual(expected(fresh(edited, ...window), Infinity));
    }
  });

  it('hands every caller a list of its own', () => {
    const window = [new Date('2026-03-01T00:00Z'), new Date('2026-06-01T00:00Z')] as const;
    const weekly = { rule: 'FREQ=WEEKLY', firstStart: '2026-01-06T18:30', zone: LONDON };
    const first = occurrences(weekly, ...window);
    const expected = first.map(isoOf);
    first[0].setTime(0);
    first.pop();
    expect(occurrences(weekly, ...window).map(isoOf)).toEqual(expected);
  });
});

const isoOf = (instant: Date): string => instant.toISOString();
