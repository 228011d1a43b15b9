// Server CPU per request for the read queries of `npm run bench:peers`, cache off, and PostGraphile's
// for the same rows: a figure that a busy machine barely moves (wall-clock req/s does), so levers can
// be compared on a shared 2-core machine. For each query: a warm-up, then REQUESTS requests at
// CONNECTIONS connections; CPU is the server process's user + system time (/proc/<pid>/stat) over
// those requests. Needs DATABASE_URL with the large set and the bench's events (bench:peers makes
// them; `--prepare` adds them here).
//
//   DATABASE_URL=… node scripts/bench-cpu.mjs [--peers] [--prepare] [--profile DIR] [--only N,M] [--query TEXT]
//
// Query 6 is the floor, `{ __typename }`: a request that reads nothing.
// --pg also sums the CPU of the database's backends (PostgreSQL on this machine; other clients of the
// same database count too). --peers also measures PostGraphile (../shared/anchors/postgraphile/run.sh); --profile DIR writes a
// V8 CPU profile of the Convene server (node --cpu-prof) covering the whole run into DIR.
// BENCH_NODE_FLAGS adds flags to the server's node, e.g. `--perf-basic-prof-only-functions` for `perf record -g -p PID`:
// perf counts CPU time only, where a V8 profile also counts time the thread waited (writev on loopback).
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { largestBenchNetwork } from './bench-networks-seed.mjs';
import { peerQueries } from './bench-peers-queries.mjs';
import { prepareWrites } from './bench-peers-writes.mjs';
import { startApiServer, stopApiServer, untilReady } from './bench-server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ANCHOR = join(ROOT, '..', 'shared', 'anchors', 'postgraphile');
const REQUESTS = Number(process.env.CPU_REQUESTS ?? 300);
const CONNECTIONS = Number(process.env.CPU_CONNECTIONS ?? 10);
const PORT = Number(process.env.CPU_PORT ?? 3931);
const PG_PORT = PORT + 1;
const EVENTS_PAGE = 20;
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL must name a database with the large set (scripts/bench-networks-seed.mjs)');
  process.exit(2);
}
const TICK_MS = 10; // USER_HZ is 100 on Linux

function cpuMs(pid) {
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0; // a database backend that has exited
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14, 15)
}

const run = (base, query, amount) =>
  autocannon({
    url: `${base}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections: CONNECTIONS,
    amount,
  });

/** CPU of the database's backends (PostgreSQL on this machine), by pid; new ones count from 0. */
let database = null;
async function backendsCpu() {
  const { rows } = await database.query(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  return new Map(rows.map(({ pid }) => [pid, cpuMs(pid)]));
}

async function measure(pid, base, query) {
  await run(base, query, Math.max(50, REQUESTS / 3));
  const before = cpuMs(pid);
  const backendsBefore = database ? await backendsCpu() : null;
  const r = await run(base, query, REQUESTS);
  const cpu = cpuMs(pid) - before;
  let databaseCpu = NaN;
  if (backendsBefore) {
    databaseCpu = 0;
    for (const [backend, ms] of await backendsCpu()) {
      databaseCpu += ms - (backendsBefore.get(backend) ?? 0);
    }
  }
  const failed = r.non2xx + r.errors + r.timeouts;
  return {
    cpuPerRequest: cpu / REQUESTS,
    databasePerRequest: databaseCpu / REQUESTS,
    rps: r.requests.average,
    p99: r.latency.p99,
    failed,
  };
}

const cpuText = (m) =>
  `${m.cpuPerRequest.toFixed(2).padStart(5)} ms CPU/req${Number.isFinite(m.databasePerRequest) ? ` (+ PostgreSQL ${m.databasePerRequest.toFixed(2)})` : ''}`;

async function check(base, query) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  if (!response.ok || JSON.parse(text).errors) {
    throw new Error(`${base}: ${text.slice(0, 400)}`);
  }
}

const profileDir = arg('--profile');
const server = startApiServer({
  port: PORT,
  seed: false,
  dataDir: '.data/bench-cpu', // unused: the server runs on DATABASE_URL
  databasePort: PORT + 2,
  nodeFlags: [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
  ],
  env: { DATABASE_URL: databaseUrl, RESPONSE_CACHE_MB: '0' },
});
let peer = null;
try {
  await untilReady(server);
  if (process.argv.includes('--pg')) {
    database = new pg.Client({ connectionString: databaseUrl });
    await database.connect();
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if (process.argv.includes('--prepare')) {
      await prepareWrites(server.base, { publicEvents: EVENTS_PAGE });
    }
    const network = await largestBenchNetwork(client);
    var queries = peerQueries({ networkId: network.id, activeMembers: network.members, events: EVENTS_PAGE });
    // The floor: what a request costs that reads nothing (HTTP, middleware, Apollo, context).
    queries.push(['the floor: { __typename }', '{ __typename }', '{ __typename }']);
    // --query TEXT: that query alone (Convene only), to split a query's cost by what it asks for.
    if (arg('--query')) {
      queries = [['--query', arg('--query'), '{ __typename }']];
    }
  } finally {
    await client.end();
  }
  const only = arg('--only')?.split(',').map(Number);
  if (process.argv.includes('--peers')) {
    const { spawn } = await import('node:child_process');
    const child = spawn('bash', [join(ANCHOR, 'run.sh'), databaseUrl, String(PG_PORT)], {
      env: { ...process.env, GRAPHILE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    peer = { child, base: `http://127.0.0.1:${PG_PORT}` };
    for (let i = 0; i < 2400; i++) {
      try {
        if (
          (
            await fetch(`${peer.base}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{"query":"{__typename}"}',
            })
          ).ok
        ) {
          break;
        }
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  for (const [i, [name, convene, theirs]] of queries.entries()) {
    if (only && !only.includes(i)) {
      continue;
    }
    await check(server.base, convene);
    const ours = await measure(server.child.pid, server.base, convene);
    let line = `${i} ${name.slice(0, 60).padEnd(60)} Convene ${cpuText(ours)}, ${Math.round(ours.rps)} req/s, p99 ${ours.p99} ms${ours.failed ? ` (${ours.failed} failed)` : ''}`;
    if (peer) {
      await check(peer.base, theirs);
      const t = await measure(peer.child.pid, peer.base, theirs);
      line += ` | PostGraphile ${cpuText(t)}, ${Math.round(t.rps)} req/s, p99 ${t.p99} ms; CPU ratio ${(t.cpuPerRequest / ours.cpuPerRequest).toFixed(2)}×`;
    }
    console.log(line);
  }
} finally {
  if (peer && peer.child.exitCode === null) {
    const exited = new Promise((r) => peer.child.once('exit', r));
    peer.child.kill('SIGTERM');
    await exited;
  }
  await database?.end();
  await stopApiServer(server);
}
