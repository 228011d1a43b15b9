import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { Client as PgClient } from 'pg';
import { ApiProcess, cleanUp, FaultPostgres, freePort, report, scratchDir } from './support/fault-harness';

/** Runs the API until it exits (bounded); answers its exit code and what it printed. */
async function failedStart(env: Record<string, string>): Promise<{ code: number | null; lines: string[]; ms: number }> {
  const started = Date.now();
  const api = new ApiProcess({ LOG_LEVEL: 'info', ...env });
  const timer = setTimeout(() => api.kill('SIGKILL'), 60_000);
  const { code } = await api.exited;
  clearTimeout(timer);
  const lines = api.output
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return { code, lines, ms: Date.now() - started };
}

/** A tmpfs of `megabytes` (root only); null where mounting is not allowed. */
function tinyDisk(dir: string, megabytes: number): (() => void) | null {
  if (userInfo().uid !== 0) {
    return null;
  }
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0755`, 'tmpfs', dir], { stdio: 'ignore' });
    return () => execFileSync('umount', [dir]);
  } catch {
    return null;
  }
}

describe('start-ups that cannot succeed say why in one line', () => {
  it('DATABASE_URL pointing at a closed port', async () => {
    const port = freePort();
    const { code, lines, ms } = await failedStart({
      DATABASE_URL: `postgres://convene:not-shown@127.0.0.1:${port}/convene`,
    });
    report('connection refused at start', { exitCode: code, lines: lines.length, ms, line: JSON.stringify(lines[0]) });
    expect(code).toBe(1);
    expect(lines).toEqual([
      `Convene failed to start: cannot reach PostgreSQL at 127.0.0.1:${port}/convene (connection refused): is it running, and is DATABASE_URL right?`,
    ]);
  });

  it('the embedded PostgreSQL on a full disk (a 20 MB tmpfs)', async () => {
    const dir = scratchDir('disk-full');
    const release = tinyDisk(dir, 20);
    if (!release) {
      report('disk full at start', { skipped: 'not root, or tmpfs cannot be mounted here' });
      return;
    }
    try {
      const { code, lines, ms } = await failedStart({
        NODE_ENV: 'development',
        EMBEDDED_DB_DIR: join(dir, 'pg'),
        EMBEDDED_DB_PORT: String(freePort()),
      });
      report('disk full at start', { exitCode: code, lines: lines.length, ms, line: JSON.stringify(lines[0]) });
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^Convene failed to start: the disk is full \(.*No space left on device\); free space where PostgreSQL keeps its data and start again\.$/,
      );
    } finally {
      release();
      rmdirSync(dir);
    }
  });

  describe('with a PostgreSQL of their own (the migrated template)', () => {
    const dir = scratchDir('refused-starts');
    const db = new FaultPostgres(join(dir, 'pg'));

    beforeAll(() => db.startFromTemplate());

    afterAll(async () => {
      await db.stop();
      cleanUp(dir);
    });

    it("a database without the release's migrations (empty, or one behind) and DB_MIGRATE_ON_START off", async () => {
      await db.query('CREATE DATABASE empty');
      await db.query('CREATE DATABASE behind TEMPLATE convene');
      const url = (name: string) => db.url.replace(/\/convene(\?|$)/, `/${name}$1`);
      const behind = new PgClient({ connectionString: url('behind') });
      await behind.connect();
      const { rows } = await behind
        .query<{ name: string }>(
          'DELETE FROM typeorm_migrations WHERE id = (SELECT max(id) FROM typeorm_migrations) RETURNING name',
        )
        .finally(() => behind.end());
      const last = rows[0]?.name ?? 'none';
      for (const [name, expected] of [
        [
          'empty',
          /^Convene failed to start: the database lacks (\d+) of this release's \1 migrations \(Geography\d+, /,
        ],
        [
          'behind',
          new RegExp(
            `^Convene failed to start: the database lacks 1 of this release's \\d+ migrations \\(${last}\\): run \`node dist/apps/api/src/cli.js migrate\` \\(once per release\\), or set DB_MIGRATE_ON_START=true$`,
          ),
        ],
      ] as const) {
        const { code, lines } = await failedStart({ DATABASE_URL: url(name), DB_MIGRATE_ON_START: 'false' });
        report(`start on a database ${name}`, { exitCode: code, line: JSON.stringify(lines[0]) });
        expect(code).toBe(1);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(expected);
      }
    });

    it('mail to a MAIL_DIR it cannot write (no SMTP_URL)', async () => {
      const mailDir = '/etc/hostname/mail'; // under a file: no user may make it
      const { code, lines } = await failedStart({ DATABASE_URL: db.url, MAIL_DIR: mailDir });
      const line = lines.find((text) => text.startsWith('Convene failed to start'));
      report('start with an unwritable MAIL_DIR', { exitCode: code, line: JSON.stringify(line) });
      expect(code).toBe(1);
      // The modules' buffered start-up lines may come after it (another stream); no stack trace among them.
      expect(lines.filter((text) => /^\s+at /.test(text))).toEqual([]);
      expect(line).toBe(
        `Convene failed to start: mail cannot be written to MAIL_DIR ${mailDir} (ENOTDIR): set SMTP_URL to send it, or MAIL_DIR to a folder this user may write`,
      );
    });
  });
});
