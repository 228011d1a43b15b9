import { describe, expect, it } from '@jest/globals';
import { newKeyOn } from './carry-answers';
import type { Series } from './schedule';

// Answers follow an occurrence to the new schedule's occurrence on the same local day.
describe('the occurrence an answer is carried to', () => {
  const weekly: Series = {
    startsAt: new Date('2026-01-06T18:30Z'),
    endsAt: new Date('2026-01-06T20:00Z'),
    timeZone: 'Europe/London',
    recurrenceRule: 'FREQ=WEEKLY',
  };

  it('is the new occurrence on that day, at its new time', () => {
    const later = { ...weekly, startsAt: new Date('2026-01-06T19:00Z'), endsAt: new Date('2026-01-06T20:30Z') };
    expect(newKeyOn('2026-01-13', later)).toEqual(new Date('2026-01-13T19:00Z'));
  });

  it('is the local day in summer time too', () => {
    expect(newKeyOn('2026-07-07', weekly)).toEqual(new Date('2026-07-07T17:30Z'));
  });

  it('is none where the new schedule has no occurrence that day', () => {
    expect(newKeyOn('2026-01-14', weekly)).toBeUndefined();
  });

  it('is null (the single event) on a single event’s day, none on another', () => {
    const single = { ...weekly, recurrenceRule: null };
    expect(newKeyOn('2026-01-06', single)).toBeNull();
    expect(newKeyOn('2026-01-13', single)).toBeUndefined();
  });
});
