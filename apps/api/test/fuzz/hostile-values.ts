import type { Draw, ValuePool } from './operations';

/** Strings a careless decoder trips on: empty, huge, NUL, lone surrogates, SQL and LIKE syntax, odd Unicode. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '   padded   ',
  'a',
  'ab',
  'Fuzz (test)',
  '\u0000',
  'before\u0000after',
  '\ud800',
  'lone \udfff surrogate',
  '\udfff\ud800',
  '😀 emoji',
  'Ω≈ç√ Ünïcödé',
  '\u202e right-to-left',
  '\r\n\t',
  "'; DROP TABLE person; --",
  '%',
  '_',
  '\\',
  '%_\\%',
  '<script>alert(1)</script>',
  '{"a":1}',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9223372036854775808',
];

/** Dates PostgreSQL and JavaScript disagree on, or that are out of range. */
const HOSTILE_DATES = [
  '2026',
  '2026-02',
  '2026-02-30',
  '2026-13-01',
  '2026-03-29T01:30',
  '2026-10-25T01:30',
  '2026-12-31T23:59:59.999Z',
  '2026-06-01T12:00:00+14:00',
  '0000-01-01T00:00:00Z',
  '0001-01-01',
  '9999-12-31',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '1970-01-01T00:00:00Z',
  'Tue, 01 Dec 2026 10:00:00 GMT',
  '2026-12-01T10:00:00',
  '2026-12-01',
];

const HOSTILE_ZONES = ['Europe/London', 'UTC', 'GB', 'EUROPE/LONDON', 'Mars/Olympus', 'Etc/GMT+14', 'America/New_York'];

const HOSTILE_RULES = [
  'FREQ=WEEKLY;COUNT=4',
  'FREQ=DAILY;COUNT=3',
  'FREQ=MONTHLY;BYDAY=1MO;COUNT=12',
  'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=5',
  'FREQ=HOURLY',
  'FREQ=DAILY;UNTIL=99991231T000000Z',
  'FREQ=SECONDLY;COUNT=100000',
  'RRULE:FREQ=WEEKLY',
  'garbage',
];

const EMAILS = ['member@demo.convene.example', 'nobody@example.org', 'UPPER@EXAMPLE.ORG', 'a@b', 'not-an-email'];
const ONS_CODES = ['W15000002', 'E23000013', 'E23000011', 'W06000022', 'E00000000', 'X99999999'];

export const randomUuid = (draw: Draw): string =>
  Array.from({ length: 32 }, () => draw.int(0, 15).toString(16))
    .join('')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

export function hostileString(draw: Draw): string {
  switch (draw.int(0, 9)) {
    case 0:
      return 'x'.repeat(draw.pick([199, 200, 201, 500, 501, 4_001, 20_000]));
    case 1:
      return draw.string();
    case 2:
      return `${draw.pick(HOSTILE_STRINGS)}${draw.pick(HOSTILE_STRINGS)}`;
    default:
      return draw.pick(HOSTILE_STRINGS);
  }
}

/** A cursor the server never issued: well-formed JSON with keys of the wrong kind, or garbage. */
export function forgedCursor(draw: Draw): string {
  const key = draw.pick([
    '2026',
    '2026-12-01T10:00:00.000Z',
    '99999999999999999999',
    '9223372036854775808',
    '-1',
    '1',
    'x\u0000',
    '\ud800',
    ...HOSTILE_DATES,
  ]);
  const id = draw.pick(['1', '99999999999999999999', randomUuid(draw), '\u0000', '\udfff', 'not-a-uuid']);
  const shape = draw.int(0, 4);
  const json =
    shape === 0 ? JSON.stringify([key]) : shape === 1 ? JSON.stringify({ key, id }) : JSON.stringify([key, id]);
  return draw.chance(0.1) ? draw.pick(['', '!!!', 'e30', json]) : Buffer.from(json).toString('base64url');
}

function hostileNumberText(draw: Draw): string {
  return String(draw.pick([hostileFloat(draw), hostileInt(draw)]));
}

/** A value for a custom scalar, or a String whose argument name says what it holds. */
export function hostileValueFor(draw: Draw, scalar: string, name: string, pool: ValuePool): unknown {
  if (
    scalar === 'DateTime' ||
    scalar === 'LocalDate' ||
    /date|since|until|^from$|^to$|^on$|start|end|At$|On$/i.test(name)
  ) {
    return draw.chance(0.8) ? draw.pick(HOSTILE_DATES) : hostileString(draw);
  }
  if (scalar === 'JSONObject') {
    const entries = Array.from({ length: draw.int(0, 3) }, () => [
      hostileString(draw).slice(0, 20),
      hostileString(draw),
    ]);
    return Object.fromEntries(entries);
  }
  if (/after|before|cursor/i.test(name)) {
    return draw.chance(0.4) && pool.cursors.size ? draw.pick([...pool.cursors]) : forgedCursor(draw);
  }
  if (/token/i.test(name)) {
    return draw.chance(0.5) && pool.tokens.size ? draw.pick([...pool.tokens]) : hostileString(draw);
  }
  if (/email/i.test(name)) {
    return draw.chance(0.7) ? draw.pick(EMAILS) : hostileString(draw);
  }
  if (/code|target/i.test(name)) {
    const real = [...pool.codes, ...ONS_CODES];
    return draw.chance(0.7)
      ? draw.pick(real)
      : draw.chance(0.5) && pool.ids.size
        ? draw.pick([...pool.ids])
        : hostileString(draw);
  }
  if (/zone/i.test(name)) {
    return draw.chance(0.8) ? draw.pick(HOSTILE_ZONES) : hostileString(draw);
  }
  if (/rule/i.test(name)) {
    return draw.chance(0.8) ? draw.pick(HOSTILE_RULES) : hostileString(draw);
  }
  if (/rate|percent|number|count/i.test(name)) {
    return hostileNumberText(draw);
  }
  if (/id$/i.test(name) && draw.chance(0.7)) {
    return pool.id(draw, name, name) ?? randomUuid(draw);
  }
  return hostileString(draw);
}

export function hostileInt(draw: Draw): number {
  return draw.chance(0.7)
    ? draw.pick([0, 1, -1, 2, 3, 5, 10, 20, 100, 101, 1_000, 2_147_483_647, -2_147_483_648, 1_000_000])
    : draw.int(-2_147_483_648, 2_147_483_647);
}

export function hostileFloat(draw: Draw): number {
  return draw.chance(0.7)
    ? draw.pick([
        0,
        -0,
        0.5,
        1,
        50,
        99.99,
        100,
        100.0000001,
        -1,
        5e-324,
        -5e-324,
        1e-7,
        2.2250738585072014e-308,
        1e21,
        1e308,
        Number.MAX_VALUE,
        -Number.MAX_VALUE,
        Number.MAX_SAFE_INTEGER + 2,
      ])
    : draw.double();
}
