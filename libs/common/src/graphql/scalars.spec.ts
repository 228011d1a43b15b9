import { describe, expect, it } from '@jest/globals';
import { GraphQLISODateTime } from '@nestjs/graphql';
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
});
