import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
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
  parseValue: dateTimeOf,
  parseLiteral: (ast: ValueNode) => dateTimeOf(ast.kind === Kind.STRING ? ast.value : undefined),
});

/**
 * The instants a DateTime given to the API may name: ISO 8601's four-digit years. Nest's scalar took
 * any `new Date(value)`: an unreadable text became an invalid date, and a date before 4713 BC (which
 * JavaScript holds) one PostgreSQL refuses, both failing later without naming the argument.
 */
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

function dateTimeOf(value: unknown): Date {
  const date = new Date(typeof value === 'string' ? value : Number.NaN);
  const time = date.getTime();
  if (!(time >= EARLIEST && time <= LATEST)) {
    throw new TypeError('DateTime must be a date-time text such as 2026-12-02T10:00:00Z, in the years 0001 to 9999');
  }
  return date;
}

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
