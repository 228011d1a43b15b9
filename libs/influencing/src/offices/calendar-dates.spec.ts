import { describe, expect, it } from '@jest/globals';
import { addDays, rangesOverlap } from './calendar-dates';

describe('calendar dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-05-02', 7)).toBe('2024-05-09');
    expect(addDays('2012-11-15', 7)).toBe('2012-11-22');
    expect(addDays('2023-12-28', 7)).toBe('2024-01-04');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('treats ranges as half-open: a term ending the day the next starts does not overlap it', () => {
    expect(rangesOverlap({ start: '2016-05-12', end: '2021-05-13' }, { start: '2021-05-13', end: null })).toBe(false);
    expect(rangesOverlap({ start: '2016-05-12', end: '2021-05-14' }, { start: '2021-05-13', end: null })).toBe(true);
  });

  it('treats null bounds as open', () => {
    expect(rangesOverlap({ start: null, end: null }, { start: '2000-01-01', end: '2000-01-02' })).toBe(true);
    expect(rangesOverlap({ start: '2020-01-01', end: null }, { start: null, end: '2020-01-01' })).toBe(false);
    expect(rangesOverlap({ start: '2020-01-01', end: null }, { start: null, end: '2020-01-02' })).toBe(true);
  });
});
