import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@app/common';
import { isOriginalStart, originalStarts, scheduleFrom } from './schedule';

const NOW = new Date('2026-01-01T00:00Z');
const field = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (error) {
    return error instanceof DomainError ? error.fields[0]?.field : 'not a DomainError';
  }
  return undefined;
};

describe('scheduleFrom', () => {
  it('reads local times in their zone, defaulting to London', () => {
    expect(scheduleFrom({ start: '2026-07-07T18:30', end: '2026-07-07T20:00' }, 'input', NOW)).toEqual({
      startsAt: new Date('2026-07-07T17:30Z'),
      endsAt: new Date('2026-07-07T19:00Z'),
      timeZone: 'Europe/London',
      allDay: false,
      recurrenceRule: null,
    });
  });

  it('takes an all-day event to the start of the day after its last', () => {
    const schedule = scheduleFrom({ start: '2026-01-06', end: '2026-01-07', allDay: true }, 'input', NOW);
    expect([schedule.startsAt, schedule.endsAt]).toEqual([
      new Date('2026-01-06T00:00Z'),
      new Date('2026-01-08T00:00Z'),
    ]);
  });

  it('canonicalises the zone and strips an RRULE: prefix', () => {
    const schedule = scheduleFrom(
      { start: '2026-01-06T18:30', end: '2026-01-06T20:00', timeZone: 'GB', recurrenceRule: 'RRULE:FREQ=WEEKLY' },
      'input',
      NOW,
    );
    expect([schedule.timeZone, schedule.recurrenceRule]).toEqual(['Europe/London', 'FREQ=WEEKLY']);
  });

  it('names the field of every problem under the prefix', () => {
    const read = (over: object) => () =>
      scheduleFrom({ start: '2026-01-06T18:30', end: '2026-01-06T20:00', ...over }, 'input', NOW);
    expect(field(read({ timeZone: 'Mars/Olympus' }))).toBe('input.timeZone');
    expect(field(read({ start: '2026-03-29T01:30' }))).toBe('input.start'); // skipped by the clocks
    expect(field(read({ end: '2026-01-06T18:00' }))).toBe('input.end');
    expect(field(read({ end: '2026-02-07T18:00' }))).toBe('input.end'); // over 31 days
    expect(field(read({ start: '2025-12-06T18:30', end: '2025-12-06T20:00' }))).toBe('input.start'); // past
    expect(field(read({ recurrenceRule: 'FREQ=HOURLY' }))).toBe('input.recurrenceRule');
    // 6 January 2026 is a Tuesday: a Monday rule does not give it.
    expect(field(read({ recurrenceRule: 'FREQ=WEEKLY;BYDAY=MO' }))).toBe('input.recurrenceRule');
    expect(field(read({ recurrenceRule: 'FREQ=WEEKLY;BYDAY=TU' }))).toBeUndefined();
  });
});

describe('original starts of a series', () => {
  const weekly = {
    startsAt: new Date('2026-01-06T18:30Z'),
    endsAt: new Date('2026-01-06T20:00Z'),
    timeZone: 'Europe/London',
    recurrenceRule: 'FREQ=WEEKLY',
  };

  it('include an occurrence still running at the start of the window', () => {
    expect(originalStarts(weekly, new Date('2026-01-13T19:00Z'), new Date('2026-01-14T00:00Z'))).toEqual([
      new Date('2026-01-13T18:30Z'),
    ]);
  });

  it('keep the local time across the clock change', () => {
    expect(originalStarts(weekly, new Date('2026-03-25T00:00Z'), new Date('2026-04-01T00:00Z'))).toEqual([
      new Date('2026-03-31T17:30Z'),
    ]);
  });

  it('name only the rule’s starts as original, or the one start of a single event', () => {
    expect(isOriginalStart(weekly, new Date('2026-01-13T18:30Z'))).toBe(true);
    expect(isOriginalStart(weekly, new Date('2026-01-14T18:30Z'))).toBe(false);
    expect(isOriginalStart({ ...weekly, recurrenceRule: null }, weekly.startsAt)).toBe(true);
    expect(isOriginalStart({ ...weekly, recurrenceRule: null }, new Date('2026-01-13T18:30Z'))).toBe(false);
  });
});

describe('a series at the edges of the instants a Date holds', () => {
  const weekly = {
    startsAt: new Date('2027-01-05T18:30:00Z'),
    endsAt: new Date('2027-01-05T20:00:00Z'),
    timeZone: 'Europe/London',
    recurrenceRule: 'FREQ=WEEKLY',
  };
  const last = new Date(8.64e15);
  const first = new Date(-8.64e15);

  it('answers, without throwing, whether the first or last instant is an occurrence (it is not)', () => {
    expect(isOriginalStart(weekly, last)).toBe(false);
    expect(isOriginalStart(weekly, first)).toBe(false);
  });

  it('expands a window that ends at the last instant or starts at the first', () => {
    expect(() => originalStarts(weekly, new Date(8.64e15 - 7 * 86_400_000), last)).not.toThrow();
    expect(originalStarts(weekly, first, new Date(-8.64e15 + 7 * 86_400_000))).toEqual([]);
  });

  it.each(['FREQ=MONTHLY;BYDAY=1TU', 'FREQ=YEARLY', 'FREQ=DAILY;INTERVAL=3', 'FREQ=WEEKLY;INTERVAL=2'])(
    'expands %s over the last day a Date holds (luxon overflowed there: an internal error)',
    (recurrenceRule) => {
      const series = { ...weekly, recurrenceRule };
      const from = new Date('+275760-09-12T00:00:00Z');
      expect(() => originalStarts(series, from, new Date('+275760-09-13T00:00:00Z'))).not.toThrow();
      expect(() => originalStarts(series, new Date(-8.64e15), new Date(-8.64e15 + 86_400_000))).not.toThrow();
    },
  );
});
