import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { PlainRows, plainQuery } from './plain-rows';

@Entity('plain_rows_test_place')
class Place {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;
}

/** A column of each type a text array carries as text: nested rows must come back as rows do. */
@Entity('plain_rows_test_venue')
class Venue {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('int')
  seats!: number;

  @Column('boolean', { nullable: true })
  accessible!: boolean | null;

  @Column('bigint')
  visitors!: string;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;
}

const BATH = '00000000-0000-4000-8000-000000000001';
const WELLS = '00000000-0000-4000-8000-000000000002';
const NOWHERE = '00000000-0000-4000-8000-000000000009';

describe('PlainRows (real PostgreSQL)', () => {
  let database: TestDatabase;
  let source: DataSource;
  let places: PlainRows<Place>;
  let venues: PlainRows<Venue>;

  beforeAll(async () => {
    database = await createTestDatabase();
    source = new DataSource({ type: 'postgres', url: database.url, entities: [Place, Venue] });
    await source.initialize();
    await source.query(
      'CREATE TABLE plain_rows_test_place (id uuid PRIMARY KEY, name text NOT NULL, opened_at timestamptz NOT NULL)',
    );
    await source.query(
      `INSERT INTO plain_rows_test_place VALUES ($1, 'Bath', '2020-01-02T03:04:05Z'), ($2, 'Wells', '2021-01-01T00:00:00Z')`,
      [BATH, WELLS],
    );
    places = new PlainRows(source.getRepository(Place));
    await source.query(`CREATE TABLE plain_rows_test_venue (id uuid PRIMARY KEY, name text NOT NULL, note text,
      seats int NOT NULL, accessible boolean, visitors bigint NOT NULL, closed_at timestamptz)`);
    await source.query(
      `INSERT INTO plain_rows_test_venue VALUES
        ($1, $3, NULL, 0, NULL, 9007199254740993, NULL),
        ($2, 'Wells', $4, -12, true, 0, '2021-06-30T23:59:59.123456Z')`,
      [BATH, WELLS, 'The "Pump" Room, {Bath}\\ \u00e9\u2013 \u0001 NULL', ' ,"{}"\n\t'],
    );
    venues = new PlainRows(source.getRepository(Venue));
  });

  afterAll(async () => {
    await source?.destroy();
    await database?.drop();
  });

  // Visits: two to Bath, one to a place that is not there, one to none.
  const visits = `SELECT * FROM (VALUES (1, $1::uuid), (2, $2::uuid), (3, $3::uuid), (4, NULL::uuid)) v(n, "placeId")`;

  it.each(['lookup', 'join'] as const)('gives each row once, with its entity or null (%s)', async (by) => {
    const rows = await places.beside(visits, [BATH, NOWHERE, BATH], 'placeId', 'r.n', by);
    expect(rows.map(({ row, entity }) => [row.n, entity])).toEqual([
      [1, { id: BATH, name: 'Bath', openedAt: new Date('2020-01-02T03:04:05Z') }],
      [2, null],
      [3, { id: BATH, name: 'Bath', openedAt: new Date('2020-01-02T03:04:05Z') }],
      [4, null],
    ]);
    expect(rows[0].entity).not.toBe(rows[2].entity); // each row's own object: callers may change theirs
  });

  it('reads the key alone for an empty set of properties, and every column for none, in either order', async () => {
    // A list asking only `__typename` of its entities reads the key; a read of whole entities
    // after it (same prefix) must not get that list's columns, nor one before it the whole list.
    const fresh = new PlainRows(source.getRepository(Place));
    const keyOnly = await fresh.beside(visits, [BATH, NOWHERE, WELLS], 'placeId', 'r.n', 'lookup', new Set());
    expect(keyOnly[0].entity).toEqual({ id: BATH });
    const whole = await fresh.beside(visits, [BATH, NOWHERE, WELLS], 'placeId', 'r.n');
    expect(whole[2].entity).toEqual({ id: WELLS, name: 'Wells', openedAt: new Date('2021-01-01T00:00:00Z') });
    expect(fresh.selectList('t', 'x.', new Set())).toBe('t."id" AS "x.id"');
    expect(fresh.selectList('t', 'x.')).toContain('"x.name"');
    expect((await fresh.where('t.id = $1', [WELLS], undefined, new Set()))[0]).toEqual({ id: WELLS });
    expect((await fresh.where('t.id = $1', [WELLS]))[0]).toMatchObject({ name: 'Wells' });
  });

  it("makes each row the object node-postgres makes, whatever the columns' names", async () => {
    const text = `SELECT 1 AS "__proto__", 2 AS "1", 3 AS "a""b\\", 4 AS "beside?", 5 AS "beside.id", 6 AS x,
      7 AS "constructor", NULL::int AS "none", 8 AS x, $1::timestamptz AS "at" FROM generate_series(1, 2)`;
    const at = '2024-05-06T07:08:09Z';
    const ours = await places.query<Record<string, unknown>>(text, [at]);
    const theirs = await source.query<Record<string, unknown>[]>(text, [at]);
    expect(ours).toEqual(theirs);
    expect(ours.map((row) => Object.keys(row))).toEqual(theirs.map((row) => Object.keys(row)));
    expect(ours.map((row) => Object.getPrototypeOf(row) as unknown)).toEqual([Object.prototype, Object.prototype]);
    expect(Object.hasOwn(ours[0], '__proto__') && ours[0]['__proto__']).toBe(1);
    expect([ours[0].x, ours[0].at]).toEqual([8, new Date(at)]);
    expect(await places.query(`${text} WHERE false`, [at])).toEqual([]);
  });

  it('picks the same properties through a set of columns asked for again as a new set', async () => {
    const first = places.columnsAmong(new Set(['name', '__typename']));
    const again = places.columnsAmong(['name']);
    expect(again).toBe(first);
    const rows = await places.beside(visits, [BATH, NOWHERE, BATH], 'placeId', 'r.n', 'lookup', again);
    expect(rows.map(({ entity }) => entity)).toEqual([
      { id: BATH, name: 'Bath' },
      null,
      { id: BATH, name: 'Bath' },
      null,
    ]);
  });

  it('logs its statements as TypeORM logs its own: each, failed ones and slow ones', async () => {
    const seen: string[] = [];
    const logged = new DataSource({
      type: 'postgres',
      url: database.url,
      entities: [Place, Venue],
      // Far above a SELECT 1 on a busy CI machine (5 ms once logged one as slow), far below the sleep.
      maxQueryExecutionTime: 200,
      logger: {
        logQuery: (query: string) => seen.push(`query ${query}`),
        logQueryError: (_error: unknown, query: string) => seen.push(`failed ${query}`),
        logQuerySlow: (time: number, query: string) => seen.push(`slow ${time > 200} ${query}`),
        logSchemaBuild: () => undefined,
        logMigration: () => undefined,
        log: () => undefined,
      },
    });
    await logged.initialize();
    seen.length = 0; // TypeORM's own statements while connecting
    try {
      await plainQuery(logged, 'SELECT 1 AS one', []);
      await plainQuery(logged, 'SELECT pg_sleep(0.3) AS slept', []);
      await expect(plainQuery(logged, 'SELECT 1 / 0 AS never', [])).rejects.toThrow('division by zero');
      expect(seen).toEqual([
        'query SELECT 1 AS one',
        'query SELECT pg_sleep(0.3) AS slept',
        'slow true SELECT pg_sleep(0.3) AS slept',
        'query SELECT 1 / 0 AS never',
        'failed SELECT 1 / 0 AS never',
      ]);
    } finally {
      await logged.destroy();
    }
  });

  it('makes at most 8 sets of columns of a table, then reads every column for a new one', () => {
    const fresh = new PlainRows(source.getRepository(Venue));
    const fields = ['name', 'note', 'seats', 'accessible', 'visitors', 'closedAt'];
    const sets = fields.slice(0, 5).flatMap((a, i) => fields.slice(i + 1).map((b) => fresh.columnsAmong([a, b])));
    expect(sets.slice(0, 8).every((set) => set instanceof Set)).toBe(true);
    expect(sets.slice(8)).toEqual(sets.slice(8).map(() => undefined));
    expect(fresh.columnsAmong(['note', 'name'])).toBe(sets[0]); // a known set is still given
  });

  it('reads rows nested as text arrays in one value as `where` reads them, with their lookups', async () => {
    const some = venues.columnsAmong(['name', 'accessible']);
    for (const only of [undefined, some]) {
      const lookup = venues.textLookup('v."venueId"', 'o', only);
      expect(venues.textLookup('v."venueId"', 'o', only)).toBe(lookup);
      const [{ nested }] = await venues.query<{ nested: unknown[][] }>(
        `SELECT array_to_json(ARRAY(
           SELECT ARRAY[v.n::text, ${lookup.elements}]
             FROM (VALUES (1, $1::uuid), (2, $2::uuid), (3, $3::uuid), (4, NULL::uuid)) v(n, "venueId") ${lookup.join}
            ORDER BY v.n)) AS nested`,
        [WELLS, BATH, NOWHERE],
      );
      const rows = await venues.where('t.id = ANY($1)', [[BATH, WELLS]], 't.id DESC', only);
      const keys = [WELLS, BATH, NOWHERE, null];
      expect(nested.map((tuple, i) => [tuple[0], lookup.read(tuple, 1, keys[i])])).toEqual([
        ['1', rows[0]],
        ['2', rows[1]],
        ['3', null],
        ['4', null],
      ]);
      // The key is not sent (the statement has it): a column never null tells a row found.
      expect(lookup.elements).not.toContain('o."id"');
      expect(lookup.width).toBe(venues.width(only) - 1);
      const [{ own }] = await venues.query<{ own: unknown[][] }>(
        `SELECT array_to_json(ARRAY(SELECT ARRAY[${venues.textTuple('t', only)}] FROM plain_rows_test_venue t
          WHERE t.id = $1)) AS own`,
        [BATH],
      );
      expect(venues.fromTexts(own[0], 0, only)).toEqual(rows[1]);
    }
    // Where no column it reads is never null, the key is sent and tells it.
    const idOnly = venues.columnsAmong(['accessible']);
    const keyed = venues.textLookup('v."venueId"', 'o', idOnly);
    expect(keyed.elements).toContain('o."id"');
    const [{ found }] = await venues.query<{ found: unknown[][] }>(
      `SELECT array_to_json(ARRAY(SELECT ARRAY[${keyed.elements}]
         FROM (VALUES (1, $1::uuid), (2, $2::uuid)) v(n, "venueId") ${keyed.join} ORDER BY v.n)) AS found`,
      [WELLS, NOWHERE],
    );
    expect(found.map((tuple) => keyed.read(tuple, 0, null))).toEqual([{ id: WELLS, accessible: true }, null]);
    expect(venues.without(undefined, 'note', 'seats')).toBe(venues.without(undefined, 'seats', 'note'));
    expect([...venues.without(undefined, 'note', 'seats')]).toEqual([
      'id',
      'name',
      'accessible',
      'visitors',
      'closedAt',
    ]);
    expect(venues.without(some, 'name')).toBe(venues.without(some, 'name'));
    expect([...venues.without(some, 'name')]).toEqual(['accessible']);
    const [wells, bath] = await venues.where('t.id = ANY($1)', [[BATH, WELLS]], 't.id DESC');
    // What the rows hold, so the comparison above compares values of every kind.
    expect(bath).toMatchObject({
      note: null,
      seats: 0,
      accessible: null,
      visitors: '9007199254740993',
      closedAt: null,
    });
    expect(wells).toMatchObject({ seats: -12, accessible: true, closedAt: new Date('2021-06-30T23:59:59.123Z') });
    expect(bath.name).toContain('"Pump"');
    const [{ none }] = await venues.query<{ none: unknown }>(
      `SELECT array_to_json(ARRAY(SELECT ARRAY[${venues.textTuple('t')}] FROM plain_rows_test_venue t WHERE false)) AS none`,
      [],
    );
    expect(none).toEqual([]);

    // A table's rows nested in each row of another statement (`textArray`), as `where` reads them.
    const [{ nested }] = await venues.query<{ nested: unknown[][] }>(
      `SELECT ${venues.textArray('j.seats <= $1', 'j.id')} AS nested`,
      [0],
    );
    expect(venues.fromTextArray(nested)).toEqual(await venues.where('t.seats <= $1', [0], 't.id'));
    expect(venues.fromTextArray(nested)).toHaveLength(2);
  });
});
