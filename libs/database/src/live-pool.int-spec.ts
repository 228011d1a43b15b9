import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { asLiveWork } from '@app/common';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { dataSourceOptions } from './data-source-options';
import { defaultDatabaseSettings } from './database-settings';

describe('the live pool (real PostgreSQL)', () => {
  let database: TestDatabase;
  let sut: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = new DataSource(
      dataSourceOptions({ ...defaultDatabaseSettings, url: database.url, poolSize: 4, livePoolSize: 2 }, []),
    );
    await sut.initialize();
  });

  afterAll(async () => {
    await sut.destroy();
    await database.drop();
  });

  const pool = async (): Promise<string> => {
    const [row] = await sut.query<[{ application_name: string }]>(
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
