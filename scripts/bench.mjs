// Benchmarks of the built API (`npm run bench` builds first). Starts the server itself:
// on DATABASE_URL when set, else on a fresh embedded PostgreSQL (which also times first and warm start).
// Loopback only, bounded in time. Writes docs/benchmarks.md.
import { rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import autocannon from 'autocannon';
import { startApiServer, stopApiServer, untilReady } from './bench-server.mjs';
import pg from 'pg';

const PORT = 3918;
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DATA_DIR = '.data/bench';

const scenarios = [
  [
    '43 areas with their 318 authorities',
    '{ policeForceAreas { code displayName currentGovernance { type } localAuthorities { code name population } } }',
  ],
  [
    '318 authorities with their area',
    '{ localAuthorities { code name population policeForceArea { code displayName } } }',
  ],
  ['one area by code', '{ policeForceArea(code: "W15000002") { code displayName population } }'],
];

const startServer = () => startApiServer({ port: PORT, dataDir: DATA_DIR, databasePort: 54378 });
const stop = stopApiServer;

function run(query) {
  return autocannon({
    url: `${BASE}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections: CONNECTIONS,
    duration: SECONDS,
  });
}

// The recorder's own coalescing of wake-ups (built code), so the benchmark sends NOTIFY as the app does.
const { coalesced } = createRequire(import.meta.url)('../dist/libs/activity/src/live/wakeups.js');

/**
 * The outbox's cost on writes, measured in PostgreSQL itself (the GraphQL layer would hide it),
 * for two transactions: a bare one-row update (the worst case for the outbox's share), and the
 * statements updateOrganisation runs. With the outbox: the activity row in the transaction, and
 * a coalesced NOTIFY after commit, as ActivityRecorder does.
 */
async function outboxCost(url) {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  const ids = (await setup.query('SELECT id FROM organisation ORDER BY id LIMIT 8')).rows.map((r) => r.id);
  await setup.end();
  const shapes = {
    'one-row update': async (c, id) => {
      await c.query('UPDATE organisation SET updated_at = now() WHERE id = $1', [id]);
    },
    "updateOrganisation's statements": async (c, id) => {
      await c.query('SELECT * FROM organisation WHERE id = $1 FOR UPDATE', [id]);
      await c.query('SELECT * FROM organisation_local_authority WHERE organisation_id = $1', [id]);
      await c.query('UPDATE organisation SET website = $2, updated_at = now() WHERE id = $1', [
        id,
        'https://example.org',
      ]);
      await c.query('SELECT * FROM organisation WHERE id = $1', [id]);
    },
  };
  const run = async (work, withOutbox) => {
    const clients = await Promise.all(
      ids.map(async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        return c;
      }),
    );
    const notifier = clients[0];
    const wake = coalesced(async () => {
      await notifier.query("SELECT pg_notify('convene_activity', '')");
    });
    let transactions = 0;
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      clients.map(async (c, i) => {
        while (Date.now() < until) {
          await c.query('BEGIN');
          await work(c, ids[i]);
          if (withOutbox) {
            await c.query(
              `INSERT INTO activity_event (tx_id, verb, visibility, actor_person_id, organisation_id, payload)
               VALUES ((pg_current_xact_id()::text)::bigint, 'ORGANISATION_UPDATED', 'PUBLIC', NULL, $1, '{"bench":true}')`,
              [ids[i]],
            );
          }
          await c.query('COMMIT');
          if (withOutbox) {
            void wake();
          }
          transactions++;
        }
      }),
    );
    await wake();
    await Promise.all(clients.map((c) => c.end()));
    return Math.round(transactions / SECONDS);
  };
  let table = '';
  for (const [name, work] of Object.entries(shapes)) {
    const without = await run(work, false);
    const withOutbox = await run(work, true);
    table += `| ${name} | ${without} | ${withOutbox} | ${Math.round((1 - withOutbox / without) * 100)} % |\n`;
  }
  return table;
}

const rows = [];
let startup = '';
let outbox = '';
if (!process.env.DATABASE_URL) {
  await rm(DATA_DIR, { recursive: true, force: true });
  const first = startServer();
  const firstMs = await untilReady(first);
  await stop(first);
  const warm = startServer();
  const warmMs = await untilReady(warm);
  outbox = await outboxCost('postgres://postgres:convene-local@127.0.0.1:54378/convene');
  await stop(warm);
  startup = `| embedded database, first start (initdb, migrate, seed, serve) | ${firstMs} ms |\n| embedded database, warm start | ${warmMs} ms |\n`;
}
const server = startServer();
await untilReady(server);
try {
  for (const [name, query] of scenarios) {
    await run(query); // warm-up of plans, JIT and pools (discarded)
    const r = await run(query);
    if (r.non2xx || r.errors) {
      throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    }
    rows.push(
      `| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${Math.round(r.throughput.average / 1024)} |`,
    );
    console.log(rows.at(-1));
  }
} finally {
  await stop(server);
}

const report = `# Benchmarks

Measured by \`npm run bench\` (scripts/bench.mjs) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL 18'}.
Server built with \`nest build\`, NODE_ENV=production, LOG_LEVEL=warn; load from autocannon in the same machine
(${CONNECTIONS} connections, ${SECONDS} s per scenario after a discarded warm-up run). Orders of magnitude, not budgets:
the load generator shares the two cores with the server and the database.

${startup ? `## Start-up\n\n| what | time to /health/ready |\n| --- | --- |\n${startup}\n` : ''}${outbox ? `## Activity outbox: write cost\n\n8 clients each updating its own organisation, fsync on, ${SECONDS} s per run (outboxCost in scripts/bench.mjs). Budget: at most 25 % fewer transactions.\n\n| transaction | per second without | with the outbox | cost |\n| --- | --- | --- | --- |\n${outbox}\n` : ''}## GraphQL over HTTP

| query | req/s | p50 ms | p99 ms | KiB/s |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

Each of the nested queries costs a fixed number of SQL statements (2 for areas → authorities, 2 for authorities → area),
asserted in \`apps/api/test/geography.e2e-spec.ts\`.

## Where the time goes

A CPU profile (\`node --cpu-prof\`) of the 318-authorities query, 2026-11-23: about 30 % garbage collection,
then graphql-js execution, Nest's per-call resolver pipeline (pipes, param factories; one \`policeForceArea\`
field resolver call per authority) and async-hooks bookkeeping; SQL is 2 statements and a few ms. Disabling
Apollo's cache-control plugin (it wraps every field) and giving V8 a 32 MB semi-space (\`--max-semi-space-size=32\`
in \`npm start\` and the Dockerfile) each helped; the global validation pipe was measured and did not matter.
Next levers if lists grow: field resolvers outside Nest's pipeline for hot nested fields, or graphql-jit.

## Outbox cost: the gap

The outbox costs more than its 25 % budget in these PostgreSQL-level runs (two shared cores, client, server
and database on one machine; ±10 % between runs). Most of it is the extra INSERT statement per transaction
(a round trip, plan and WAL); the NOTIFY is coalesced to at most one in flight per instance, and dropping
the two scope indexes made no measurable difference. Open levers: send the activity INSERT in the same
round trip as the change (a CTE, or pipelined statements), prepared statements, and measuring a real
mutation through the API, where the outbox's share of the work is smaller.
`;
await writeFile('docs/benchmarks.md', report);
console.log('\nWrote docs/benchmarks.md');
await rm(DATA_DIR, { recursive: true, force: true });
