import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { ApiProcess, freePort, report, scratchDir } from './support/fault-harness';

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
});
