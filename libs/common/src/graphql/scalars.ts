import { GraphQLScalarType } from 'graphql';
import { GraphQLISODateTime } from '@nestjs/graphql';
import { GraphQLLocalDate } from 'graphql-scalars';

/** A calendar date without time or zone, `YYYY-MM-DD` (ISO 8601). */
export const LocalDate = GraphQLLocalDate;

/**
 * Nest's `DateTime` (same name, text and parsing), serialising through a memo of ISO texts by
 * time value: `toISOString` cost about 0.7 µs, and a page of events serialises some 900 times,
 * mostly the same occurrence times request after request (11 % of that page's CPU). Bounded:
 * cleared when full (every entry can be made again).
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...GraphQLISODateTime.toConfig(),
  serialize: (value: unknown): string | null => (value instanceof Date ? isoText(value) : null),
});

const ISO_TEXTS_MAX = 50_000;
const isoTexts = new Map<number, string>();

function isoText(date: Date): string {
  const time = date.getTime();
  let text = isoTexts.get(time);
  if (text === undefined) {
    text = date.toISOString(); // an invalid date throws here, as with Nest's scalar
    if (isoTexts.size >= ISO_TEXTS_MAX) {
      isoTexts.clear();
    }
    isoTexts.set(time, text);
  }
  return text;
}
