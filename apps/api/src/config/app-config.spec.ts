import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses documented defaults and the embedded database when DATABASE_URL is unset', () => {
    const sut = loadConfig({});
    expect(sut.PORT).toBe(3000);
    expect(sut.LOG_LEVEL).toBe('info');
    expect(sut.NODE_ENV).toBe('development');
    expect(sut.DATABASE_URL).toBeUndefined();
    expect(sut.migrateOnStart).toBe(true);
    expect(sut.graphqlIde).toBe(true);
    expect(sut.DB_LIVE_POOL_SIZE).toBe(3);
    expect(sut.DB_SIDE_POOL_SIZE).toBe(3);
    expect(sut.TRUST_PROXY).toBe(0);
    expect(sut.WS_MAX_SUBSCRIPTIONS_PER_SOCKET).toBe(100);
    expect(sut.WS_MAX_SOCKETS_PER_ADDRESS).toBe(50);
    expect(sut.WS_MAX_SOCKETS_PER_PERSON).toBe(10);
    expect(sut.WS_MAX_BUFFERED_BYTES).toBe(4 * 1024 * 1024);
  });

  it('reads typed values from strings', () => {
    const sut = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/convene',
      NODE_ENV: 'production',
      DB_POOL_SIZE: '20',
      DB_MIGRATE_ON_START: 'true',
      JWT_SECRET: 's'.repeat(40),
      PUBLIC_URL: 'https://convene.example',
    });
    expect(sut.PORT).toBe(8080);
    expect(sut.DB_POOL_SIZE).toBe(20);
    expect(sut.migrateOnStart).toBe(true);
    expect(sut.graphqlIde).toBe(false);
  });

  it('loads demo data by default only in development on the embedded database, and never in production', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40), PUBLIC_URL: 'https://convene.example' };
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x' }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).seedDemo).toBe(false);
    expect(loadConfig(prod).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x', SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
    expect(() => loadConfig({ ...prod, SEED_DEMO: 'true' })).toThrow(/SEED_DEMO is never used in production/);
  });

  it('does not migrate a database it was given unless asked to', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x' }).migrateOnStart).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer from 1 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be an integer from 1 to 65535 (got 70000)'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a PostgreSQL URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be one of development, production, test (got "staging")'],
    [{ DB_MIGRATE_ON_START: 'yes' }, 'DB_MIGRATE_ON_START must be true or false (got "yes")'],
    [{ WS_MAX_BUFFERED_BYTES: '100' }, 'WS_MAX_BUFFERED_BYTES must be an integer from 1024 to 1073741824 (got 100)'],
  ])('rejects %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('requires a JWT secret in production only', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('JWT_SECRET must be set in production');
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow('JWT_SECRET must be at least 32 characters');
    const sut = loadConfig({});
    expect(sut.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(sut.jwtSecret).toBe(sut.jwtSecret);
  });

  it('refuses, in production, a JWT secret published with Convene or left as a placeholder', () => {
    const prod = { NODE_ENV: 'production', PUBLIC_URL: 'https://convene.example' };
    for (const secret of [
      'local-compose-only-secret-change-me-0123456789',
      'please-CHANGE_ME-before-going-live-000000',
    ]) {
      expect(() => loadConfig({ ...prod, JWT_SECRET: secret })).toThrow(
        'JWT_SECRET is a published example or placeholder',
      );
      expect(loadConfig({ JWT_SECRET: secret }).jwtSecret).toBe(secret); // a local trial may keep one
    }
    // Words that merely contain the letters pass.
    expect(loadConfig({ ...prod, JWT_SECRET: 'exchange-members-4f9a1c2e7b3d5a6f8e9c0b1a2d3e' }).isProduction).toBe(
      true,
    );
  });

  it('takes a Redis namespace of safe characters only', () => {
    expect(loadConfig({ REDIS_NAMESPACE: 'convene-prod.eu_1' }).REDIS_NAMESPACE).toBe('convene-prod.eu_1');
    expect(loadConfig({}).REDIS_NAMESPACE).toBeUndefined();
    for (const bad of ['a b', 'a:b', 'x*', 'n'.repeat(64)]) {
      expect(() => loadConfig({ REDIS_NAMESPACE: bad })).toThrow(/REDIS_NAMESPACE must be/);
    }
  });

  it('requires PUBLIC_URL in production only, so emailed links never point at localhost', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40) };
    expect(() => loadConfig(prod)).toThrow(ConfigError);
    expect(() => loadConfig(prod)).toThrow('PUBLIC_URL must be set in production');
    expect(loadConfig({ ...prod, PUBLIC_URL: 'https://convene.example/' }).publicUrl).toBe('https://convene.example');
    expect(loadConfig({}).publicUrl).toMatch(/^http:\/\/localhost:\d+$/);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT must .*; LOG_LEVEL must/);
  });

  it('allows skipping the activity outbox only for benchmarks on the embedded database', () => {
    expect(loadConfig({ BENCH_ONLY_SKIP_ACTIVITY_OUTBOX: 'true' }).BENCH_ONLY_SKIP_ACTIVITY_OUTBOX).toBe(true);
    expect(loadConfig({}).BENCH_ONLY_SKIP_ACTIVITY_OUTBOX).toBeUndefined();
    expect(() =>
      loadConfig({ BENCH_ONLY_SKIP_ACTIVITY_OUTBOX: 'true', DATABASE_URL: 'postgres://u:p@db:5432/convene' }),
    ).toThrow('BENCH_ONLY_SKIP_ACTIVITY_OUTBOX is for benchmarks on the embedded database only');
  });
});
