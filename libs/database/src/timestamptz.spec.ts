import { describe, expect, it } from '@jest/globals';
import * as pg from 'pg';
import { parseTimestamptz, pgTypes } from './timestamptz';

const byPattern = pg.types.getTypeParser(1184, 'text') as (text: string) => unknown;
const same = (text: string): void => {
  const expected = byPattern(text);
  const actual = parseTimestamptz(text);
  expect([text, actual instanceof Date ? actual.getTime() : actual]).toEqual([
    text,
    expected instanceof Date ? expected.getTime() : expected,
  ]);
};

describe('parseTimestamptz', () => {
  it('gives what postgres-date gives for the texts a UTC session sends, to the millisecond', () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pad = (n: number, width: number): string => String(n).padStart(width, '0');
    for (let i = 0; i < 5000; i++) {
      const digits = next(7); // 0: none, else 1 to 6 fraction digits
      const fraction = digits === 0 ? '' : `.${pad(next(10 ** digits), digits)}`;
      same(
        `${1000 + next(9000)}-${pad(1 + next(12), 2)}-${pad(1 + next(28), 2)} ${pad(next(24), 2)}:${pad(next(60), 2)}:${pad(next(60), 2)}${fraction}+00`,
      );
    }
  });

  it('gives a Date of its own for a text parsed before, whatever was done to the earlier one', () => {
    const text = '2026-12-02 10:11:12.345678+00';
    const first = parseTimestamptz(text) as Date;
    first.setTime(0);
    const second = parseTimestamptz(text) as Date;
    expect(second).not.toBe(first);
    expect(second.toISOString()).toBe('2026-12-02T10:11:12.345Z');
    expect(parseTimestamptz('infinity')).toBe(parseTimestamptz('infinity'));
  });

  it('leaves every other shape to postgres-date', () => {
    for (const text of [
      'infinity',
      '-infinity',
      '0099-01-01 00:00:00+00',
      '0001-01-01 00:00:00+00 BC',
      '2024-05-07 10:11:12+01',
      '2024-05-07 10:11:12.5-03:30',
      '2024-05-07 10:11:12.+00',
      '2024-05-07T10:11:12+00',
      '2024-05-07 10:11:1x+00',
      '12024-05-07 10:11:12+00',
      '2024-05-07',
    ]) {
      same(text);
    }
  });

  it('is what our pools parse timestamptz with, and only timestamptz', () => {
    expect(pgTypes.getTypeParser(1184, 'text')).toBe(parseTimestamptz);
    expect(pgTypes.getTypeParser(1114, 'text')).toBe(pg.types.getTypeParser(1114, 'text'));
    expect(pgTypes.getTypeParser(23, 'text')).toBe(pg.types.getTypeParser(23, 'text'));
  });
});
