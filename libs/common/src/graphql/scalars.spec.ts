import { describe, expect, it } from '@jest/globals';
import { GraphQLISODateTime } from '@nestjs/graphql';
import { Kind } from 'graphql';
import { DateTimeScalar } from './scalars';

describe('DateTimeScalar', () => {
  it("serialises, parses and describes dates exactly as Nest's DateTime, asked again and again", () => {
    const dates = [0, 1, -1, 1_796_390_000_123, Date.UTC(1969, 11, 31, 23, 59, 59, 999), 8.64e15, -8.64e15].map(
      (time) => new Date(time),
    );
    for (let round = 0; round < 3; round++) {
      for (const date of dates) {
        expect(DateTimeScalar.serialize(new Date(date))).toBe(GraphQLISODateTime.serialize(date));
      }
    }
    for (const value of ['2026-12-02T10:00:00Z', 1, null, {}]) {
      expect(DateTimeScalar.serialize(value)).toBe(GraphQLISODateTime.serialize(value));
    }
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow(RangeError);
    expect(DateTimeScalar.name).toBe(GraphQLISODateTime.name);
    expect(DateTimeScalar.description).toBe(GraphQLISODateTime.description);
    expect(DateTimeScalar.parseValue('2026-12-02T10:00:00Z')).toEqual(new Date('2026-12-02T10:00:00Z'));
  });

  it('takes RFC 3339 date-times with their offset in the years 0001 to 9999 only, as a variable and as a literal', () => {
    for (const [text, iso] of [
      ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
      ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
      ['2026-12-02T10:00:00+01:00', '2026-12-02T09:00:00.000Z'],
      ['2024-02-29T12:30:00.5Z', '2024-02-29T12:30:00.500Z'],
    ]) {
      expect(DateTimeScalar.parseValue(text)).toEqual(new Date(iso));
      expect(DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: text })).toEqual(new Date(iso));
    }
    for (const value of [
      '0000-12-31T23:59:59.999Z',
      '9999-12-31T23:59:59-23:59', // the year 10000 in UTC
      '0001-01-01T00:30:00+01:00', // the year 0 in UTC
      '+010000-01-01T00:00:00Z',
      '-271821-04-20T00:00:00Z',
      '2026-02-30T00:00:00Z', // rolled over to March by Date
      '2026-12-02T10:00:00', // no offset: the server's own zone
      '2026-12-02',
      '12/02/2026',
      '2026',
      'soon',
      '',
      5,
      null,
      {},
      new Date(),
    ]) {
      expect(() => DateTimeScalar.parseValue(value)).toThrow(/RFC 3339 .* years 0001 to 9999/);
    }
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '5' })).toThrow(/years 0001 to 9999/);
  });
});
