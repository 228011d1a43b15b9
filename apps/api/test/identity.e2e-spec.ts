import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_LOGINS, DEMO_PASSWORD, SIGN_IN_THROTTLE } from '@app/identity';
import { graphqlWsClient, wsRequest } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

const SECRET = 'test-secret-test-secret-test-secret-1234';
const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(input: { email: $email, password: $password }) { accessToken refreshToken person { id email } }
}`;
const REFRESH = `mutation ($token: String!) { refreshSession(input: { refreshToken: $token }) { accessToken refreshToken } }`;
const ME = '{ me { email displayName platformAdmin affiliations { role organisation { name kind } } } }';

interface Session {
  accessToken: string;
  refreshToken: string;
  person: { id: string; email: string };
}

describe('sign-in and sessions', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ JWT_SECRET: SECRET });
  });

  afterAll(async () => {
    await sut.close();
  });

  const signIn = async (email: string, password = DEMO_PASSWORD): Promise<Session> =>
    (await sut.client.data<{ signIn: Session }>(SIGN_IN, { email, password })).signIn;
  const me = (token: string) =>
    sut.client.request<{ me: unknown }>(ME, undefined, { authorization: `Bearer ${token}` });

  it.each(DEMO_LOGINS.map((login) => [login.key, login] as const))(
    'signs in the demo %s and knows who they are',
    async (_key, login) => {
      const session = await signIn(login.email.toUpperCase());
      const { data } = await me(session.accessToken);
      expect(data?.me).toMatchObject({ email: login.email, platformAdmin: login.platformAdmin });
      expect((data?.me as { affiliations: unknown[] }).affiliations).toHaveLength(login.affiliations.length);
    },
  );

  it('answers me with null when signed out', async () => {
    expect((await sut.client.data<{ me: unknown }>(ME)).me).toBeNull();
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrong = await sut.client.request(SIGN_IN, { email: 'member@demo.convene.example', password: 'nope' });
    const unknown = await sut.client.request(SIGN_IN, { email: 'nobody@demo.convene.example', password: 'nope' });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0]).toEqual(wrong.errors?.[0]);
  });

  it('rotates refresh tokens, and a replayed one ends the whole session', async () => {
    const first = await signIn('coordinator@demo.convene.example');
    const second = (await sut.client.data<{ refreshSession: Session }>(REFRESH, { token: first.refreshToken }))
      .refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.accessToken)).data?.me).toBeTruthy();

    const replay = await sut.client.request(REFRESH, { token: first.refreshToken });
    expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const afterReplay = await sut.client.request(REFRESH, { token: second.refreshToken });
    expect(afterReplay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('signs out: neither the refresh token nor the access token works any more', async () => {
    const session = await signIn('partner@demo.convene.example');
    expect((await me(session.accessToken)).data?.me).toBeTruthy();
    await sut.client.data('mutation ($t: String!) { signOut(input: { refreshToken: $t }) { signedOut } }', {
      t: session.refreshToken,
    });
    const refreshed = await sut.client.request(REFRESH, { token: session.refreshToken });
    expect(refreshed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await me(session.accessToken)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses tampered, expired, foreign and unsigned tokens with UNAUTHENTICATED', async () => {
    const session = await signIn('admin@demo.convene.example');
    const [header, payload, signature = ''] = session.accessToken.split('.');
    const tampered = `${header}.${payload}.${signature.slice(0, -2)}xx`;
    const { sid } = jwt.decode(session.accessToken) as { sid: string };
    const expired = jwt.sign({ sub: session.person.id, sid, exp: Math.floor(Date.now() / 1000) - 60 }, SECRET);
    const foreign = jwt.sign({ sub: session.person.id, sid }, 'another-secret-another-secret-another-secret');
    const unsigned = jwt.sign({ sub: session.person.id, sid }, '', { algorithm: 'none' });
    expect((await me(jwt.sign({ sub: session.person.id, sid }, SECRET))).errors).toBeUndefined(); // control
    for (const token of [tampered, expired, foreign, unsigned]) {
      const response = await me(token);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.data?.me ?? null).toBeNull();
    }
  });

  it('refuses a well-signed token naming no session of its person (a leaked secret alone signs in no one)', async () => {
    const admin = await signIn('admin@demo.convene.example');
    const partner = await signIn('partner@demo.convene.example');
    const { sid: partnerSession } = jwt.decode(partner.accessToken) as { sid: string };
    const tokens = {
      noSession: jwt.sign({ sub: admin.person.id, sid: randomUUID() }, SECRET),
      anotherPersonsSession: jwt.sign({ sub: admin.person.id, sid: partnerSession }, SECRET),
      notAnId: jwt.sign({ sub: admin.person.id, sid: 'not-a-session' }, SECRET),
      personNotAnId: jwt.sign({ sub: 'admin', sid: partnerSession }, SECRET),
    };
    expect((await me(partner.accessToken)).data?.me).toBeTruthy(); // control: the partner's own token
    for (const [name, token] of Object.entries(tokens)) {
      const response = await me(token);
      expect([name, response.errors?.[0]?.extensions?.code]).toEqual([name, 'UNAUTHENTICATED']);
      expect(response.data?.me ?? null).toBeNull();
    }
  });

  it('never returns a password or its hash', async () => {
    const response = await sut.client.request(SIGN_IN, {
      email: 'admin@demo.convene.example',
      password: DEMO_PASSWORD,
    });
    expect(JSON.stringify(response)).not.toMatch(/scrypt|passwordHash|convene-demo/);
  });

  it('answers BAD_USER_INPUT naming the field for a malformed email', async () => {
    const { errors } = await sut.client.request(SIGN_IN, { email: 'not-an-email', password: 'x' });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.email');
  });

  it('authenticates graphql-ws operations with the token in connectionParams', async () => {
    const session = await signIn('member@demo.convene.example');
    const client = graphqlWsClient(sut.graphqlUrl, { authorization: `Bearer ${session.accessToken}` });
    try {
      const [result] = await wsRequest<{ me: { email: string } }>(client, ME);
      expect(result?.data?.me.email).toBe('member@demo.convene.example');
    } finally {
      await client.dispose();
    }
  });

  it(`throttles an account after ${SIGN_IN_THROTTLE.perAccount} wrong passwords, even for the right one`, async () => {
    const email = 'coordinator@demo.convene.example';
    for (let i = 0; i < SIGN_IN_THROTTLE.perAccount; i++) {
      await sut.client.request(SIGN_IN, { email, password: `wrong-${i}` });
    }
    const { errors } = await sut.client.request(SIGN_IN, { email, password: DEMO_PASSWORD });
    expect(errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    // It says when the lock lifts: the first of those failures leaving the window.
    const lifts = /locked until (\d{4}-\d\d-\d\dT\d\d:\d\d)Z \(in (\d+) minutes?\); try again then/.exec(
      errors?.[0]?.message ?? '',
    );
    expect(lifts).not.toBeNull();
    const until = Date.parse(`${lifts?.[1]}:00Z`);
    expect(until).toBeGreaterThan(Date.now() + (SIGN_IN_THROTTLE.windowMinutes - 2) * 60_000);
    expect(until).toBeLessThanOrEqual(Date.now() + SIGN_IN_THROTTLE.windowMinutes * 60_000);
    expect(Number(lifts?.[2])).toBeGreaterThanOrEqual(SIGN_IN_THROTTLE.windowMinutes - 1);
    const unknown = await sut.client.request(SIGN_IN, { email: 'ghost@demo.convene.example', password: 'x' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED'); // other accounts unaffected
  });
});

describe('the signing secret in development', () => {
  it('is kept in the data folder (mode 600), so a restarted instance still accepts earlier tokens', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'convene-secret-'));
    const env = { NODE_ENV: 'development', EMBEDDED_DB_DIR: join(dataDir, 'postgres') };
    const first = await startTestApp(env);
    try {
      const { signIn } = await first.client.data<{ signIn: { accessToken: string } }>(SIGN_IN, {
        email: 'member@demo.convene.example',
        password: DEMO_PASSWORD,
      });
      // A second process, as after a restart (its own configuration, the same data folder).
      const restarted = await startTestApp(env, undefined, first.database);
      try {
        const { data, errors } = await restarted.client.request<{ me: { email: string } }>(ME, undefined, {
          authorization: `Bearer ${signIn.accessToken}`,
        });
        expect(errors).toBeUndefined();
        expect(data?.me.email).toBe('member@demo.convene.example');
      } finally {
        await restarted.close();
      }
      expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    } finally {
      await first.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('sign-in throttling under concurrency', () => {
  it(`checks at most ${SIGN_IN_THROTTLE.perAccount} of 40 parallel wrong passwords for one account`, async () => {
    const sut = await startTestApp();
    try {
      const email = 'member@demo.convene.example';
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => sut.client.request(SIGN_IN, { email, password: `wrong-${i}` })),
      );
      const codes = answers.map((a) => a.errors?.[0]?.extensions?.code);
      const checked = codes.filter((code) => code === 'UNAUTHENTICATED').length;
      expect(checked).toBeLessThanOrEqual(SIGN_IN_THROTTLE.perAccount);
      expect(codes.filter((code) => code === 'TOO_MANY_REQUESTS')).toHaveLength(40 - checked);
      // The right password too, within the window.
      const right = await sut.client.request(SIGN_IN, { email, password: DEMO_PASSWORD });
      expect(right.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
      expect(right.data?.signIn ?? null).toBeNull();
    } finally {
      await sut.close();
    }
  }, 120_000); // 40 password hashes on a busy machine: a guard against a hang, not a speed check
});

describe('sign-in throttling per address', () => {
  it(`refuses an address after ${SIGN_IN_THROTTLE.perAddress} failures across accounts`, async () => {
    const sut = await startTestApp();
    try {
      for (let i = 0; i < SIGN_IN_THROTTLE.perAddress; i++) {
        await sut.client.request(SIGN_IN, { email: `guess${i}@example.org`, password: 'x' });
      }
      const { errors } = await sut.client.request(SIGN_IN, {
        email: 'member@demo.convene.example',
        password: DEMO_PASSWORD,
      });
      expect(errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await sut.close();
    }
  }, 120_000); // 31 sign-ins one after another, each a password hash

  it('counts the addresses of one IPv6 /64 as one client', async () => {
    const sut = await startTestApp({ TRUST_PROXY: '1' });
    try {
      for (let i = 0; i < SIGN_IN_THROTTLE.perAddress; i++) {
        await sut.client.request(
          SIGN_IN,
          { email: `guess${i}@example.org`, password: 'x' },
          { 'x-forwarded-for': `2001:db8:9:1:${(i + 1).toString(16)}::1` },
        );
      }
      const fromTheSame64 = await sut.client.request(
        SIGN_IN,
        { email: 'member@demo.convene.example', password: DEMO_PASSWORD },
        { 'x-forwarded-for': '2001:db8:9:1:ffff::2' },
      );
      expect(fromTheSame64.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
      const fromAnother64 = await sut.client.request(
        SIGN_IN,
        { email: 'member@demo.convene.example', password: DEMO_PASSWORD },
        { 'x-forwarded-for': '2001:db8:9:2::1' },
      );
      expect(fromAnother64.errors).toBeUndefined();
    } finally {
      await sut.close();
    }
  }, 120_000); // 32 sign-ins one after another, each a password hash
});
