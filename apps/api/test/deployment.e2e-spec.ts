import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client as PgClient } from 'pg';
import { createPlatformAdmin, DEMO_LOGINS, DEMO_PASSWORD, findDemoLogins, removeDemoLogins } from '@app/identity';
import {
  createDatabase,
  createTestDatabase,
  dropDatabase,
  randomSuffix,
  rowCount,
  testDatabasePrefix,
  type TestDatabase,
} from '@app/testing';
import { type AppConfig, loadConfig } from '../src/config/app-config';
import { databaseSettings } from '../src/database/persistence';
import { prepareForServing, withDataSource } from '../src/database/prepare-database';
import { startTestApp, type TestApp } from './support/test-app';

const JWT_SECRET = 'deployment-test-secret-0123456789-abcdef';
const PUBLIC_URL = 'https://convene.example';
const production = (url: string, env: Record<string, string> = {}): AppConfig =>
  loadConfig({
    NODE_ENV: 'production',
    JWT_SECRET,
    PUBLIC_URL,
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    DB_MIGRATE_ON_START: 'true',
    ...env,
  });
const inDatabase = <T>(url: string, work: Parameters<typeof withDataSource<T>>[1]): Promise<T> =>
  withDataSource(databaseSettings(production(url), url), work);

const SIGN_IN = `mutation ($e: String!, $p: String!) {
  signIn(input: { email: $e, password: $p }) { accessToken refreshToken person { email platformAdmin } }
}`;
const SET_PASSWORD = `mutation ($t: String!, $p: String!) {
  setPasswordWithToken(input: { token: $t, password: $p }) { person { email platformAdmin } }
}`;
interface Session {
  accessToken: string;
  refreshToken: string;
  person: { email: string; platformAdmin: boolean };
}

describe('deployment: reference data everywhere, demo data only where asked, the first admin from the CLI', () => {
  let empty: TestDatabase;
  let sut: TestApp;

  beforeAll(async () => {
    // A database as an operator creates it: empty, no template, no migrations.
    const adminUrl = process.env.CONVENE_TEST_ADMIN_URL ?? '';
    const name = `${testDatabasePrefix(process.env.CONVENE_TEST_RUN_ID ?? '')}${randomSuffix()}`;
    empty = { url: await createDatabase(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
    await prepareForServing(production(empty.url), empty.url);
    sut = await startTestApp({ NODE_ENV: 'production', JWT_SECRET, PUBLIC_URL }, undefined, empty);
  });

  afterAll(async () => {
    await sut?.close();
    await empty?.drop();
  });

  it('starts in production on an empty database with the reference data and no demo data or login', async () => {
    const areas = await sut.client.data<{ policeForceAreas: unknown[] }>('{ policeForceAreas { code } }');
    expect(areas.policeForceAreas).toHaveLength(43);
    const rounds = await sut.client.data<{ electionRounds: unknown[] }>('{ electionRounds { id } }');
    expect(rounds.electionRounds.length).toBeGreaterThan(0);
    const organisations = await sut.client.data<{ organisations: { totalCount: number } }>(
      '{ organisations(first: 1) { totalCount } }',
    );
    expect(organisations.organisations.totalCount).toBe(0);
    expect(await rowCount(empty.url, 'person')).toBe(0);
    expect(await rowCount(empty.url, 'local_network')).toBe(0);
    for (const login of DEMO_LOGINS) {
      const response = await sut.client.request(SIGN_IN, { e: login.email, p: DEMO_PASSWORD });
      expect({ email: login.email, code: response.errors?.[0]?.extensions?.code }).toEqual({
        email: login.email,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('creates a working first platform admin whose password is set through the API with the printed token', async () => {
    const email = 'first.admin@example.org';
    const admin = await inDatabase(empty.url, (ds) =>
      createPlatformAdmin(ds.manager, { email: ' First.Admin@Example.org ', displayName: 'First Admin' }),
    );
    expect(admin.created).toBe(true);
    // No password yet: nothing signs in until the token is used.
    const before = await sut.client.request(SIGN_IN, { e: email, p: 'any-password-at-all' });
    expect(before.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const set = await sut.client.data<{ setPasswordWithToken: { person: Session['person'] } }>(SET_PASSWORD, {
      t: admin.token,
      p: 'first-admin-password',
    });
    expect(set.setPasswordWithToken.person).toEqual({ email, platformAdmin: true });

    const { signIn } = await sut.client.data<{ signIn: Session }>(SIGN_IN, { e: email, p: 'first-admin-password' });
    expect(signIn.person).toEqual({ email, platformAdmin: true });
    const created = await sut.client.request(
      'mutation { createSpecialism(input: { code: "FIRST_ADMIN_WORKS", label: "First admin works" }) { specialism { code } } }',
      {},
      { authorization: `Bearer ${signIn.accessToken}` },
    );
    expect(created.errors).toBeUndefined();
  });

  it('takes a password token once, before it expires, and only the newest one', async () => {
    const email = 'second.admin@example.org';
    const create = (): ReturnType<typeof createPlatformAdmin> =>
      inDatabase(empty.url, (ds) => createPlatformAdmin(ds.manager, { email, displayName: 'Second Admin' }));
    const setPassword = (t: string, p = 'second-admin-password') => sut.client.request(SET_PASSWORD, { t, p });
    const refusal = (response: Awaited<ReturnType<typeof setPassword>>) => ({
      code: response.errors?.[0]?.extensions?.code,
      field: (response.errors?.[0]?.extensions?.fields as { field: string }[] | undefined)?.[0]?.field,
      data: response.data ?? null,
    });

    const first = await create();
    const second = await create(); // the operator ran the command again: the first link is void
    expect(second.created).toBe(false);
    expect(refusal(await setPassword(first.token))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.token',
      data: null,
    });

    // A refused password leaves the token usable.
    expect(refusal(await setPassword(second.token, 'short'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.password',
      data: null,
    });
    expect((await setPassword(second.token)).errors).toBeUndefined();
    expect(refusal(await setPassword(second.token, 'another-long-password'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.token',
      data: null,
    });
    const { signIn } = await sut.client.data<{ signIn: Session }>(SIGN_IN, { e: email, p: 'second-admin-password' });

    // Expired: the row's deadline passes (moved into the past rather than waiting a day).
    const third = await create();
    const client = new PgClient({ connectionString: empty.url });
    await client.connect();
    try {
      await client.query(
        `UPDATE password_token SET expires_at = now() - interval '1 second'
          WHERE used_at IS NULL AND person_id = (SELECT id FROM person WHERE email = $1)`,
        [email],
      );
    } finally {
      await client.end();
    }
    expect(refusal(await setPassword(third.token, 'expired-token-password'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.token',
      data: null,
    });

    // A password set with a token ends the sessions opened with the old one.
    const fourth = await create();
    expect((await setPassword(fourth.token, 'fourth-admin-password')).errors).toBeUndefined();
    const refresh = await sut.client.request(
      'mutation ($t: String!) { refreshSession(input: { refreshToken: $t }) { accessToken } }',
      { t: signIn.refreshToken },
    );
    expect(refresh.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('migrates once when instances start together on an empty database (the others wait, then find nothing to do)', async () => {
    const adminUrl = process.env.CONVENE_TEST_ADMIN_URL ?? '';
    const name = `${testDatabasePrefix(process.env.CONVENE_TEST_RUN_ID ?? '')}${randomSuffix()}`;
    const url = await createDatabase(adminUrl, name);
    try {
      const starts = await Promise.allSettled([1, 2, 3].map(() => prepareForServing(production(url), url)));
      expect(starts.map((s) => (s.status === 'rejected' ? String(s.reason) : s.status))).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      const client = new PgClient({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ name: string; n: string }>(
          'SELECT name, count(*) AS n FROM typeorm_migrations GROUP BY name HAVING count(*) > 1',
        );
        expect(rows).toEqual([]);
        expect(await rowCount(url, 'police_force_area')).toBe(43);
      } finally {
        await client.end();
      }
    } finally {
      await dropDatabase(adminUrl, name);
    }
  });

  it('refuses a production start while the demo logins exist, unless allowed, until demo:remove removes them', async () => {
    const seeded = await createTestDatabase(); // migrated with the demo data, as a development database
    let app: TestApp | undefined;
    try {
      await expect(prepareForServing(production(seeded.url), seeded.url)).rejects.toThrow(
        /demo logins .*admin@demo\.convene\.example.*cli\.js demo:remove.*ALLOW_DEMO_LOGINS=true/,
      );
      await expect(
        prepareForServing(production(seeded.url, { ALLOW_DEMO_LOGINS: 'true' }), seeded.url),
      ).resolves.toBeUndefined();

      expect(await inDatabase(seeded.url, (ds) => removeDemoLogins(ds.manager))).toEqual({ people: 4 });
      expect(await inDatabase(seeded.url, (ds) => findDemoLogins(ds.manager))).toEqual([]);
      await expect(prepareForServing(production(seeded.url), seeded.url)).resolves.toBeUndefined();

      app = await startTestApp({ NODE_ENV: 'production', JWT_SECRET, PUBLIC_URL }, undefined, seeded);
      for (const login of DEMO_LOGINS) {
        const response = await app.client.request(SIGN_IN, { e: login.email, p: DEMO_PASSWORD });
        expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
    } finally {
      await app?.close();
      await seeded.drop();
    }
  });
});
