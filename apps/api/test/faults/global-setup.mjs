// Builds one migrated and seeded PostgreSQL data directory for every scenario to copy: the API
// itself starts it (no DATABASE_URL: its embedded PostgreSQL, migrated and seeded with the demo
// data the writers sign in with), then stops it cleanly.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(import.meta.dirname, '../../../../dist/apps/api/src/main.js');

export default async function globalSetup() {
  if (!existsSync(MAIN)) {
    throw new Error('The fault scenarios run the built API: run `npm run build` first (npm run test:faults does)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'convene-faults-template-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as user "postgres", which must enter it
  const dataDir = join(dir, 'pg');
  const port = 20_000 + Math.floor(Math.random() * 12_000); // below the kernel's ephemeral range (32768…)
  const api = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      EMBEDDED_DB_DIR: dataDir,
      EMBEDDED_DB_PORT: String(port + 1),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((done) => api.once('exit', done));
  const until = Date.now() + 180_000;
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) {
      break;
    }
    if (api.exitCode !== null || Date.now() > until) {
      api.kill('SIGKILL');
      throw new Error('The API did not start to prepare the fault scenarios database');
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  api.kill('SIGTERM'); // stops its PostgreSQL cleanly, leaving a data directory to copy
  await exited;
  process.env.FAULTS_TEMPLATE_DIR = dataDir;
  process.env.FAULTS_TEMPLATE_ROOT = dir;
}
