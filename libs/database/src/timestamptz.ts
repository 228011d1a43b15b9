import * as pg from 'pg';

/** PostgreSQL's `timestamptz` type. */
const TIMESTAMPTZ_OID = 1184;
const parseByPattern = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => unknown;

const twoDigits = (text: string, at: number): number => (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
/** `YYYY-MM-DD HH:MM:SS`: each character where the layout has it, digits 0 to 9 elsewhere. */
const LAYOUT = '0000-00-00 00:00:00';

function laidOut(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const expected = i < LAYOUT.length ? LAYOUT.charCodeAt(i) : i === LAYOUT.length ? 46 : 48; // then '.' and digits
    if (expected === 48 ? code < 48 || code > 57 : code !== expected) {
      return false;
    }
  }
  return true;
}

/**
 * `timestamptz` text as node-postgres parses it (postgres-date: the same Date, to the same
 * millisecond), without its regular expressions where the text is in the one shape our sessions
 * give (TimeZone UTC): `YYYY-MM-DD HH:MM:SS[.ffffff]+00`, year 1000 to 9999. Anything else (other
 * offsets, BC, infinity) goes to postgres-date. Hot lists read a few timestamps per row: parsing
 * them was a twentieth of a network page's CPU.
 */
export function parseTimestamptz(text: string): unknown {
  const known = times.get(text);
  if (known !== undefined) {
    return new Date(known); // a Date of its own: callers may change theirs
  }
  const parsed = parseText(text);
  if (parsed instanceof Date) {
    if (times.size >= TIMES_MAX) {
      times.clear();
    }
    times.set(text, parsed.getTime());
  }
  return parsed;
}

/**
 * Texts parsed, with their time: hot reads carry the same rows' timestamps request after request
 * (a network's 123 memberships and their organisations: some 700 per page). Bounded: cleared when
 * full (every entry can be parsed again).
 */
const TIMES_MAX = 50_000;
const times = new Map<string, number>();

function parseText(text: string): unknown {
  const length = text.length;
  if (
    length < 22 ||
    length > 29 ||
    text.charCodeAt(length - 3) !== 43 || // +
    text.charCodeAt(length - 2) !== 48 || // 0
    text.charCodeAt(length - 1) !== 48 || // 0
    length === 23 || // a '.' with no digit after it
    !laidOut(text, length - 3)
  ) {
    return parseByPattern(text);
  }
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  if (year < 1000) {
    return parseByPattern(text);
  }
  // As postgres-date computes it (a fraction of a millisecond is dropped by Date.UTC).
  const ms = length > 22 ? 1000 * parseFloat(text.slice(19, length - 3)) : 0;
  const utc = Date.UTC(
    year,
    twoDigits(text, 5) - 1,
    twoDigits(text, 8),
    twoDigits(text, 11),
    twoDigits(text, 14),
    twoDigits(text, 17),
    ms,
  );
  return new Date(utc);
}

/** node-postgres type parsers for our pools: its own, but `timestamptz` through `parseTimestamptz`. */
export const pgTypes = {
  getTypeParser: ((oid: number, format: 'text' | 'binary' = 'text'): ((value: string) => unknown) =>
    oid === TIMESTAMPTZ_OID && format === 'text'
      ? parseTimestamptz
      : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as typeof pg.types.getTypeParser,
};
