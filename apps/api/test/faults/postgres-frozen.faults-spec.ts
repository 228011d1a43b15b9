import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiProcess, cleanUp, FaultPostgres, post, report, scratchDir, waitUntil } from './support/fault-harness';

const STATEMENT_TIMEOUT_MS = 2_000;
/** Far past when the server must have answered (statement timeout + the client's margin): a hang shows as this. */
const CLIENT_WAIT_MS = 60_000;
const QUERY = '{ organisations(first: 1) { totalCount } }';

/** The postmaster and every backend of a data directory (SIGSTOP freezes them, as a stalled host would). */
function postgresProcesses(dataDir: string): number[] {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(Number);
  return [postmaster, ...children];
}

describe('PostgreSQL frozen (stopped, its connections open) while the server holds pooled connections', () => {
  const dir = scratchDir('pg-frozen');
  const dataDir = join(dir, 'pg');
  const db = new FaultPostgres(dataDir);
  let api: ApiProcess;

  beforeAll(async () => {
    await db.startFromTemplate();
    api = await ApiProcess.start(
      { DATABASE_URL: db.url, DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS), RESPONSE_CACHE_MB: '0' },
      join(dir, 'api.log'),
    );
  });

  afterAll(async () => {
    await api?.stop();
    await db.stop();
    cleanUp(dir);
  });

  it('answers 503 SERVICE_UNAVAILABLE once the statement timeout and a margin pass, and recovers', async () => {
    // Open pooled connections: the requests below reuse them (a new one would fail on connecting, in 5 s).
    await Promise.all(Array.from({ length: 8 }, () => post(api.graphqlUrl, QUERY, {})));
    const frozen = postgresProcesses(dataDir);
    frozen.forEach((pid) => process.kill(pid, 'SIGSTOP'));
    let answers: { status: number; code?: string; ms: number }[];
    try {
      answers = await Promise.all(
        Array.from({ length: 4 }, async () => {
          const started = Date.now();
          const { status, body } = await post(api.graphqlUrl, QUERY, {}, {}, CLIENT_WAIT_MS);
          return { status, code: body.errors?.[0]?.extensions?.code, ms: Date.now() - started };
        }),
      );
    } finally {
      frozen.forEach((pid) => process.kill(pid, 'SIGCONT'));
    }
    report('postgres frozen', {
      answers: answers.map((a) => `${a.status}:${a.code}:${a.ms}ms`).join(','),
    });
    expect(answers.map((a) => [a.status, a.code])).toEqual(answers.map(() => [503, 'SERVICE_UNAVAILABLE']));
    await waitUntil(
      'a request answered again',
      async () => (await post(api.graphqlUrl, QUERY, {})).status === 200,
      30_000,
    );
    expect(api.running).toBe(true);
  });
});
