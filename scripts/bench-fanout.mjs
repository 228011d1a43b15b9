// Live fan-out benchmark (`npm run bench` runs it after scripts/bench.mjs): N idle WebSocket
// subscribers on one API instance, mutations committing activity at a steady rate, and for each
// delivery the time from the mutation's response (commit) to receipt. Loopback only, bounded.
// Updates the "Live fan-out" section of docs/benchmarks.md.
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import WebSocket from 'ws';
import { startApiServer, stopApiServer, untilReady } from './bench-server.mjs';

const PORT = 3919;
const BASE = `http://127.0.0.1:${PORT}`;
const SIZES = (process.env.FANOUT_SIZES ?? '1000,5000,10000').split(',').map(Number);
const RATE = Number(process.env.FANOUT_RATE ?? 5); // events per second
const SECONDS = Number(process.env.FANOUT_SECONDS ?? 10);
const DATA_DIR = '.data/bench-fanout';

async function rssMb(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function graphql(query, variables, token) {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** One raw graphql-transport-ws subscriber (no client library: the load generator must stay light). */
function subscriber(onItem) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${PORT}/graphql`, 'graphql-transport-ws');
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('error', (error) => (socket.readyState === WebSocket.OPEN ? undefined : reject(error)));
    socket.on('close', () => undefined);
    socket.on('message', (data) => {
      const text = data.toString();
      if (text.includes('"connection_ack"')) {
        socket.send(
          JSON.stringify({
            id: '1',
            type: 'subscribe',
            payload: { query: 'subscription { activity { cursor payload } }' },
          }),
        );
        setTimeout(() => resolve(socket), 0);
        return;
      }
      const code = /"code":"(BENCH_[A-Z0-9_]+)"/.exec(text)?.[1];
      if (code) {
        onItem(code);
      }
    });
  });
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

const server = startApiServer({
  port: PORT,
  dataDir: DATA_DIR,
  databasePort: 54379,
  nodeFlags: process.env.FANOUT_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.FANOUT_PROFILE}`] : [],
});
const rows = [];
try {
  await untilReady(server);
  const signIn = await graphql(
    'mutation { signIn(input: { email: "admin@demo.convene.example", password: "convene-demo-2026" }) { accessToken } }',
  );
  const token = signIn.data.signIn.accessToken;
  for (const size of SIZES) {
    const before = await rssMb(server.child.pid);
    const committedAt = new Map();
    const received = [];
    const sockets = [];
    for (let i = 0; i < size; i += 200) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(200, size - i) }, () =>
          subscriber((code) => received.push([code, performance.now()])),
        ),
      );
      sockets.push(...batch);
    }
    await new Promise((r) => setTimeout(r, 1_000));
    const after = await rssMb(server.child.pid);
    const run = randomBytes(3).toString('hex').toUpperCase();
    const started = performance.now();
    for (let i = 0; i < RATE * SECONDS; i++) {
      const due = started + (i * 1000) / RATE;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      const code = `BENCH_${run}_${i}`;
      void graphql(
        'mutation ($c: String!) { createSpecialism(input: { code: $c, label: "Bench" }) { specialism { code } } }',
        { c: code },
        token,
      ).then(() => committedAt.set(code, performance.now()));
    }
    const expected = RATE * SECONDS * size;
    const deadline = performance.now() + 30_000;
    while (received.length < expected && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const elapsed = (performance.now() - started) / 1000;
    const latencies = received
      .filter(([code]) => committedAt.has(code))
      .map(([code, at]) => Math.max(0, at - committedAt.get(code)))
      .sort((a, b) => a - b);
    for (const socket of sockets) {
      socket.terminate();
    }
    await new Promise((r) => setTimeout(r, 2_000));
    rows.push(
      `| ${size} | ${RATE} | ${received.length} / ${expected} | ${Math.round(received.length / elapsed)} | ` +
        `${Math.round(percentile(latencies, 50))} | ${Math.round(percentile(latencies, 99))} | ${Math.round(((after - before) / size) * 1000)} |`,
    );
    console.log(rows.at(-1));
  }
} finally {
  await stopApiServer(server);
  await rm(DATA_DIR, { recursive: true, force: true });
}

const section = `## Live fan-out

Measured by \`npm run bench\` (scripts/bench-fanout.mjs) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}.
One API instance (embedded PostgreSQL), N idle graphql-ws subscribers to \`activity\` (national feed, anonymous),
${RATE} mutations per second for ${SECONDS} s; latency is from the mutation's HTTP response (after commit) to
receipt, in the same load-generator process (which shares the two cores). Memory is the server's RSS growth
when the subscribers connect, so garbage collection makes it noisy (even negative). Budget: 10,000 subscribers × 5 events/s delivered to all
(50,000 deliveries/s) at p99 under 250 ms, under 40 MB per 1,000 subscribers. Items are executed once per group
of identical subscriptions (apps/api/src/graphql/subscriptions/grouped-subscribe.ts).

**Budget not met at 10,000.** Before group execution: 6k deliveries/s at 10,000 (half undelivered after 30 s),
9.4k/s at 5,000 with p99 3.5 s. A CPU profile of the server at 10,000 (\`FANOUT_PROFILE=dir\`) after it: 24 %
in \`writev\` (one socket write per message per subscriber), 12 % GC, 16 % idle: the load generator, parsing
every message on the same two cores, is part of the limit. Next levers: the generator on another machine or
namespace, corking writes, and fewer allocations per delivery in ActivityStream.

| subscribers | events/s | delivered | deliveries/s | p50 ms | p99 ms | server MB per 1,000 subscribers |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
const path = 'docs/benchmarks.md';
const current = await readFile(path, 'utf8').catch(() => '# Benchmarks\n');
const start = current.indexOf('## Live fan-out');
const next = start < 0 ? -1 : current.indexOf('\n## ', start + 1);
const updated =
  start < 0
    ? `${current.trimEnd()}\n\n${section}`
    : current.slice(0, start) + section + (next < 0 ? '' : current.slice(next + 1));
await writeFile(path, updated);
console.log('Updated the "Live fan-out" section of docs/benchmarks.md');
