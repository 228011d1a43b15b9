import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type * as pg from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { asBackgroundWork, asLiveWork, asTransactionWork } from '@app/common';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { dataSourceOptions } from './data-source-options';
import { defaultDatabaseSettings } from './database-settings';

/** A data source with these pool sizes over a database of its own, for the enclosing describe's tests. */
function dataSourceFor(sizes: {
  poolSize: number;
  livePoolSize: number;
  sidePoolSize?: number;
  statementTimeoutMs?: number;
}): () => DataSource {
  let database: TestDatabase;
  let sut: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = new DataSource(dataSourceOptions({ ...defaultDatabaseSettings, url: database.url, ...sizes }, []));
    await sut.initialize();
  });

  afterAll(async () => {
    await sut.destroy();
    await database.drop();
  });

  return () => sut;
}

describe('the live pool (real PostgreSQL)', () => {
  const dataSource = dataSourceFor({ poolSize: 4, livePoolSize: 2 });

  const pool = async (): Promise<string> => {
    const [row] = await dataSource().query<[{ application_name: string }]>(
      `SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
    );
    return row.application_name;
  };

  it('serves live work, and what it starts, from its own connections; everything else from the main pool', async () => {
    expect(await pool()).toBe('convene');
    expect(await asLiveWork(() => pool())).toBe('convene-live');
    const later = await asLiveWork(() => new Promise<string>((done) => setTimeout(() => void pool().then(done), 10)));
    expect(later).toBe('convene-live');
    expect(await pool()).toBe('convene');
  });

  it('never opens more live connections than its size, however much live work waits', async () => {
    const sut = dataSource();
    const live = await Promise.all(
      Array.from({ length: 20 }, () =>
        asLiveWork(() => sut.query<[{ pid: number }]>(`SELECT pg_backend_pid() AS pid, pg_sleep(0.02)`)),
      ),
    );
    const backends = new Set(live.map((rows: [{ pid: number }]) => rows[0].pid));
    expect(backends.size).toBeLessThanOrEqual(2);
    // Meanwhile the main pool answers at once.
    expect(await pool()).toBe('convene');
  });
});

describe('the side pool (real PostgreSQL)', () => {
  const dataSource = dataSourceFor({ poolSize: 2, livePoolSize: 1, sidePoolSize: 2 });

  const pool = async (): Promise<string> => {
    const [row] = await dataSource().query<[{ application_name: string }]>(
      `SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
    );
    return row.application_name;
  };

  it("serves a transaction body's reads; the innermost mark wins; what a body leaves behind is not the body", async () => {
    expect(await asTransactionWork(() => pool())).toBe('convene-side');
    expect(await asTransactionWork(() => asBackgroundWork(() => pool()))).toBe('convene');
    expect(await asBackgroundWork(() => asTransactionWork(() => pool()))).toBe('convene-side');
    expect(await asTransactionWork(() => asLiveWork(() => pool()))).toBe('convene-live');
    let later: Promise<string> | undefined;
    await asTransactionWork(() => {
      later = new Promise<string>((done) => setTimeout(() => void pool().then(done), 20));
      return Promise.resolve();
    });
    expect(await later).toBe('convene');
  });

  it('never opens more side connections than its size, and leaves the main pool free', async () => {
    const sut = dataSource();
    const side = await asTransactionWork(() =>
      Promise.all(
        Array.from({ length: 20 }, () =>
          sut.query<[{ pid: number }]>(`SELECT pg_backend_pid() AS pid, pg_sleep(0.02)`),
        ),
      ),
    );
    expect(new Set(side.map((rows: [{ pid: number }]) => rows[0].pid)).size).toBeLessThanOrEqual(2);
    expect(await pool()).toBe('convene');
  });
});

describe('a held connection whose backend goes away (real PostgreSQL)', () => {
  // Small pools: a lost connection the pool did not discard would be handed out again.
  const dataSource = dataSourceFor({ poolSize: 2, livePoolSize: 1 });

  it('does not end the process when the connection is lost while held idle; the pool discards it and serves on', async () => {
    const sut = dataSource();
    const pool = (sut.driver as PostgresDriver).master as pg.Pool;
    for (const work of [<T>(f: () => Promise<T>) => f(), asLiveWork]) {
      const held = await work(() => pool.connect());
      const { rows } = await held.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const ended = new Promise((done) => held.once('end', done));
      // As PostgreSQL's fast shutdown does: FATAL 57P01 to a connection nobody is querying on.
      await sut.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      await ended;
      await expect(held.query('SELECT 1')).rejects.toThrow();
      held.release();
      const [again] = await work(() => sut.query<[{ pid: number }]>('SELECT pg_backend_pid() AS pid'));
      expect(again?.pid).not.toBe(rows[0]?.pid);
    }
  });
});

describe('a statement PostgreSQL does not answer in time (real PostgreSQL)', () => {
  // One connection: a busy one handed out again would make the next statement wait behind the first.
  const dataSource = dataSourceFor({ poolSize: 1, livePoolSize: 1, statementTimeoutMs: 100 });

  it('is given up on by the client, and its connection closed, not handed out again busy', async () => {
    const sut = dataSource();
    const runner = sut.createQueryRunner();
    let stalled: number | undefined;
    try {
      // The server's own limit off for this one connection: only the client's (100 ms + its margin) remains.
      await runner.query('SET statement_timeout = 0');
      [{ pid: stalled }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
      await expect(runner.query('SELECT pg_sleep(60)')).rejects.toThrow(/Query read timeout/);
    } finally {
      await runner.release();
    }
    const [next] = await sut.query<[{ pid: number }]>('SELECT pg_backend_pid() AS pid');
    expect(next?.pid).not.toBe(stalled);
    await sut.query('SELECT pg_terminate_backend($1)', [stalled]); // the sleep, server side
  });
});
