// The built API as a child process, for the benchmarks: production mode, its own embedded
// PostgreSQL (unless DATABASE_URL is set), loopback only.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** Starts `dist/apps/api/src/main.js`; `started` is when, for timing start-up. */
export function startApiServer({ port, dataDir, databasePort, nodeFlags = [], env: extraEnv = {} }) {
  const env = {
    ...process.env,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(48).toString('base64'),
    EMBEDDED_DB_DIR: dataDir,
    EMBEDDED_DB_PORT: String(databasePort),
    DB_MIGRATE_ON_START: 'true',
    ...extraEnv,
  };
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, '--max-semi-space-size=32', 'dist/apps/api/src/main.js'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, started, base: `http://127.0.0.1:${port}` };
}

/** Waits for /health/ready; answers the milliseconds since start. */
export async function untilReady({ child, started, base }) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode}`);
    }
    try {
      if ((await fetch(`${base}/health/ready`)).ok) {
        return Math.round(performance.now() - started);
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server not ready within 30 s');
}

export async function stopApiServer({ child }) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
}
