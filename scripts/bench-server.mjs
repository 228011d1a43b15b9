// The built API as a child process, for the benchmarks: production mode, its own embedded
// PostgreSQL (unless DATABASE_URL is set), loopback only.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/** BENCH_DIST: another build to measure (a copy of dist/ inside the project, for its node_modules), e.g. to compare two commits back to back. */
const DIST = process.env.BENCH_DIST ?? 'dist';

/**
 * Starts `dist/apps/api/src/main.js`; `started` is when, for timing start-up. `seed: false` for a
 * second server on a database the first one has already seeded; `cpus` (e.g. '0') pins it.
 */
export function startApiServer({
  port,
  dataDir,
  databasePort,
  nodeFlags = [],
  env: extraEnv = {},
  seed = true,
  cpus = null,
}) {
  const env = {
    ...process.env,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(48).toString('base64'),
    PUBLIC_URL: 'https://convene.bench',
    EMBEDDED_DB_DIR: dataDir,
    EMBEDDED_DB_PORT: String(databasePort),
    DB_MIGRATE_ON_START: 'true',
    // The benchmarks sign in with the demo logins and open thousands of sockets from one address.
    ALLOW_DEMO_LOGINS: 'true',
    WS_MAX_SOCKETS_PER_ADDRESS: '100000',
    WS_MAX_SOCKETS_PER_PERSON: '10000',
    ...extraEnv,
  };
  const started = performance.now();
  // Once per data folder (a first start includes it), so a warm start times the server alone.
  if (seed && (env.DATABASE_URL || !existsSync(dataDir))) {
    seedDemo(env);
  }
  const command = [process.execPath, ...nodeFlags, '--max-semi-space-size=32', `${DIST}/apps/api/src/main.js`];
  // `cpus`: pinned to those cores (taskset execs node, so the child's pid is the server's).
  const child = spawn(
    cpus === null ? command[0] : 'taskset',
    cpus === null ? command.slice(1) : ['-c', cpus, ...command],
    {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return { child, started, base: `http://127.0.0.1:${port}` };
}

/**
 * Production never loads the demo data, so it is loaded first by the CLI in development mode
 * (migrations, reference data and demo data).
 */
function seedDemo(env) {
  for (const args of [['migrate'], ['seed', '--demo']]) {
    const done = spawnSync(process.execPath, [`${DIST}/apps/api/src/cli.js`, ...args], {
      env: { ...env, NODE_ENV: 'development', ALLOW_DEMO_LOGINS: undefined },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (done.status !== 0) {
      throw new Error(`cli ${args.join(' ')} failed (exit ${done.status})`);
    }
  }
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

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || 100);

/** CPU seconds the process has used (user + system), from /proc/<pid>/stat. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime (fields 14 and 15)
}

/** The process's resident memory in MB, from /proc/<pid>/status. */
export function rssMb(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/** Subscriptions the server holds open (its /metrics; scraping walks every open handle: not during a run). */
export async function openSubscriptions(base, metricsToken) {
  const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  return Number(/^convene_subscriptions_open (\d+)/m.exec(await response.text())?.[1] ?? NaN);
}
