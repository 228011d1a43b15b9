// Live fan-out benchmark (`npm run bench:fanout`; `npm run bench` runs it too): N idle WebSocket
// subscribers on one API instance, mutations committing activity at a steady rate, and for each
// delivery the time from the mutation's response (commit) to receipt. Loopback only, bounded.
// Updates the "Live fan-out" section of docs/benchmarks.md.
//
// Two methods, run back to back on the same server (FANOUT_METHOD=both, the default):
// - "pinned" (the server alone): the API's node process on core 0 (`taskset -c 0`), the subscribers
//   in a child process on core 1 (`taskset -c 1`) with this process (the writer); PostgreSQL may use
//   either core. Only one socket in FANOUT_SAMPLE parses its messages (latency, order, duplicates);
//   the others count the messages carrying the run's tag in the raw bytes. Server CPU is the API
//   process's own (utime + stime from /proc/<pid>/stat) over the measured window.
// - "shared" (the method before issue 21): no pinning, the subscribers in this process, every
//   message parsed, all of it sharing the machine's cores with the server.
//
// FANOUT_SIZES (1000,5000,10000), FANOUT_RATE (5 events/s), FANOUT_SECONDS (10), FANOUT_SAMPLE (20),
// FANOUT_METHOD (both | pinned | shared), FANOUT_CEILING (1: then add FANOUT_CEILING_STEP subscribers
// (2500) until p99 crosses 250 ms, at most FANOUT_CEILING_MAX (19000: the 20,000 open files allowed a
// process)), FANOUT_PROFILE=dir (the server writes a --cpu-prof profile there), FANOUT_DOCS=0 (leave
// docs/benchmarks.md alone).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { subscriberPool } from './bench-fanout-clients.mjs';
import {
  cpuSeconds,
  openSubscriptions as openSubscriptionsOf,
  rssMb,
  startApiServer,
  stopApiServer,
  untilReady,
} from './bench-server.mjs';

const PORT = 3919;
const BASE = `http://127.0.0.1:${PORT}`;
const WS_URL = `ws://127.0.0.1:${PORT}/graphql`;
const SIZES = (process.env.FANOUT_SIZES ?? '1000,5000,10000').split(',').map(Number);
const RATE = Number(process.env.FANOUT_RATE ?? 5); // events per second
const SECONDS = Number(process.env.FANOUT_SECONDS ?? 10);
const SAMPLE = Number(process.env.FANOUT_SAMPLE ?? 20);
const METHOD = process.env.FANOUT_METHOD ?? 'both';
const METHODS = METHOD === 'both' ? ['shared', 'pinned'] : [METHOD];
const CEILING = process.env.FANOUT_CEILING !== '0';
const CEILING_STEP = Number(process.env.FANOUT_CEILING_STEP ?? 2500);
const CEILING_MAX = Number(process.env.FANOUT_CEILING_MAX ?? 19000);
const BUDGET_P99_MS = 250;
const DRAIN_MS = 30_000;
const DATA_DIR = '.data/bench-fanout';
const METRICS_TOKEN = randomBytes(24).toString('hex');
const pinning = METHODS.includes('pinned');

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry)) {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      } catch {
        /* gone meanwhile */
      }
    }
  }
  const found = [];
  const walk = (p) => (children.get(p) ?? []).forEach((c) => (found.push(c), walk(c)));
  walk(pid);
  return found;
}

async function graphql(query, variables, token) {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** Scraping /metrics walks every open handle: fine between runs, not during one. */
const openSubscriptions = () => openSubscriptionsOf(BASE, METRICS_TOKEN);

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** Subscribers in a child process pinned to core 1, behind the same interface as an in-process pool. */
function childPool(sample) {
  const child = spawn(
    'taskset',
    ['-c', '1', process.execPath, 'scripts/bench-fanout-clients.mjs', '--child', WS_URL, String(sample)],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const pending = new Map();
  let nextId = 0;
  child.on('message', ({ id, value, error }) => {
    const { resolve, reject } = pending.get(id);
    pending.delete(id);
    if (error) {
      reject(new Error(error));
    } else {
      resolve(value);
    }
  });
  const call = (name) => (args) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, name, args });
    });
  return {
    connect: call('connect'),
    track: call('track'),
    progress: call('progress'),
    probeReachingAll: call('probeReachingAll'),
    result: call('result'),
    close: call('close'),
    exit: () => child.kill(),
  };
}

/** Writes at RATE per second until `until()` is true, tagging each with `code(i)`; answers the writes' timings. */
async function writer(token, code, until) {
  const committedAt = new Map();
  const latencies = [];
  const pending = [];
  const started = now();
  let failed = 0;
  for (let i = 0; !until(i); i++) {
    const due = started + (i * 1000) / RATE;
    await sleep(Math.max(0, due - now()));
    const sent = now();
    const c = code(i);
    pending.push(
      graphql(
        'mutation ($c: String!) { createSpecialism(input: { code: $c, label: "Bench" }) { specialism { code } } }',
        { c },
        token,
      ).then(
        (answer) => {
          if (answer.errors) {
            failed++;
            return;
          }
          committedAt.set(c, now());
          latencies.push(now() - sent);
        },
        () => failed++,
      ),
    );
  }
  const sentFor = (now() - started) / 1000;
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return {
    committedAt,
    sent: pending.length,
    failed,
    perSecond: committedAt.size / Math.max(sentFor, 1 / RATE),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function measure({ size, method, token, serverPid }) {
  const pool = method === 'pinned' ? childPool(SAMPLE) : subscriberPool({ url: WS_URL, sample: 1 });
  try {
    const before = await rssMb(serverPid);
    // Connect: 200 new sockets per 50 ms (not waiting for answers) while writes go on at RATE. The
    // writes are probes: every subscriber is live once one probe has reached them all.
    const connectStarted = now();
    const probe = randomBytes(3).toString('hex').toUpperCase();
    let reached = null;
    const connectWrites = writer(
      token,
      (i) => `PROBE_${probe}_${i}`,
      () => reached !== null || now() - connectStarted > 90_000,
    );
    const { acked, failed, closeCodes } = await pool.connect({ count: size, perStep: 200, stepMs: 50, probe });
    if (failed) {
      console.log(
        `${method} ${size}: ${failed} sockets failed before their acknowledgement (close codes ${JSON.stringify(closeCodes)})`,
      );
    }
    while (reached === null && now() - connectStarted < 90_000) {
      await sleep(100);
      // Every subscriber that was acknowledged (the failed ones are reported, and their deliveries missing).
      reached = (await pool.probeReachingAll({ count: acked })).index;
    }
    const during = await connectWrites;
    const subscribedMs = reached === null ? NaN : during.committedAt.get(`PROBE_${probe}_${reached}`) - connectStarted;

    await sleep(1_000);
    const after = await rssMb(serverPid);

    const run = randomBytes(3).toString('hex').toUpperCase();
    await pool.track({ run });
    const cpuBefore = cpuSeconds(serverPid);
    const started = now();
    const writes = await writer(
      token,
      (i) => `BENCH_${run}_${i}`,
      (i) => i >= RATE * SECONDS,
    );
    const expected = writes.committedAt.size * size;
    let progress = await pool.progress();
    let lastCount = -1;
    let lastAt = now();
    // Until every delivery is made, or nothing more arrives for 10 s, or the drain's limit.
    while (progress.counted < expected && now() - lastAt < 10_000 && now() - started < SECONDS * 1000 + DRAIN_MS) {
      await sleep(100);
      progress = await pool.progress();
      if (progress.counted !== lastCount) {
        lastCount = progress.counted;
        lastAt = now();
      }
    }
    const elapsed = (now() - started) / 1000;
    const cpu = cpuSeconds(serverPid) - cpuBefore;
    const result = await pool.result();
    const latencies = [];
    for (const [code, times] of result.samples) {
      const at = writes.committedAt.get(code);
      if (at !== undefined) {
        for (const time of times) {
          latencies.push(Math.max(0, time - at));
        }
      }
    }
    latencies.sort((a, b) => a - b);
    const row = {
      size,
      method,
      subscribedS: subscribedMs / 1000,
      connectFailed: failed,
      connectWrites: during,
      delivered: result.counted,
      expected,
      closedEarly: result.closedEarly,
      outOfOrder: result.outOfOrder,
      duplicates: result.duplicates,
      perSecond: result.counted / elapsed,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      sampled: latencies.length,
      cpuPercent: (cpu / elapsed) * 100,
      // CPU per delivery: what a lever changes, even when other processes take turns on the server's core.
      cpuUsPerDelivery: result.counted ? (cpu * 1e6) / result.counted : NaN,
      mbPer1000: ((after - before) / size) * 1000,
      writes,
    };
    console.log(
      `${method} ${size}: subscribed in ${row.subscribedS.toFixed(1)} s (writes meanwhile ${during.perSecond.toFixed(1)}/s, p99 ${Math.round(during.p99)} ms); ` +
        `${row.delivered}/${expected} delivered, ${Math.round(row.perSecond)}/s, p50 ${Math.round(row.p50)} p99 ${Math.round(row.p99)} ms ` +
        `(${row.sampled} sampled), server CPU ${Math.round(row.cpuPercent)} % (${row.cpuUsPerDelivery.toFixed(1)} µs per delivery), ${row.mbPer1000.toFixed(1)} MB/1000; ` +
        `writes ${writes.perSecond.toFixed(1)}/s p99 ${Math.round(writes.p99)} ms; order faults ${row.outOfOrder}, duplicates ${row.duplicates}, closed ${row.closedEarly}`,
    );
    return row;
  } finally {
    await pool.close();
    pool.exit?.();
    for (let i = 0; i < 100 && (await openSubscriptions()) > 0; i++) {
      await sleep(200);
    }
  }
}

const passes = (row) => row.delivered === row.expected && row.p99 < BUDGET_P99_MS;

if (pinning) {
  execFileSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' }); // the writer beside the subscribers
}
const server = startApiServer({
  port: PORT,
  dataDir: DATA_DIR,
  databasePort: 54379,
  cpus: pinning ? '0' : null,
  env: { METRICS_TOKEN },
  nodeFlags: process.env.FANOUT_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.FANOUT_PROFILE}`] : [],
});
const rows = [];
let ceiling = null;
const loadBefore = os.loadavg();
try {
  await untilReady(server);
  if (pinning) {
    // PostgreSQL (started by the server, so pinned with it) may use either core: the server's own core is for node.
    for (const pid of descendants(server.child.pid)) {
      try {
        execFileSync('taskset', ['-a', '-p', '-c', '0,1', String(pid)], { stdio: 'ignore' });
      } catch {
        /* gone meanwhile */
      }
    }
  }
  const signIn = await graphql(
    'mutation { signIn(input: { email: "admin@demo.convene.example", password: "convene-demo-2026" }) { accessToken } }',
  );
  const token = signIn.data.signIn.accessToken;
  for (const size of SIZES) {
    for (const method of METHODS) {
      rows.push(await measure({ size, method, token, serverPid: server.child.pid }));
    }
  }
  if (CEILING) {
    const method = METHODS.at(-1);
    const ours = rows.filter((r) => r.method === method);
    let size = Math.max(...ours.filter(passes).map((r) => r.size), 0);
    const failing = ours.filter((r) => !passes(r)).map((r) => r.size);
    ceiling = failing.length ? { below: size, crossed: Math.min(...failing) } : null;
    while (!ceiling && size < CEILING_MAX) {
      size = Math.min(CEILING_MAX, size + CEILING_STEP);
      const row = await measure({ size, method, token, serverPid: server.child.pid });
      rows.push({ ...row, ceilingStep: true });
      if (!passes(row)) {
        ceiling = { below: size - CEILING_STEP, crossed: size };
      }
    }
    // Between a passing and a failing size: halve the gap twice.
    for (let step = 0; ceiling && step < 2 && ceiling.crossed - ceiling.below > 1000; step++) {
      const middle = Math.round((ceiling.below + ceiling.crossed) / 2 / 250) * 250;
      const row = await measure({ size: middle, method, token, serverPid: server.child.pid });
      rows.push({ ...row, ceilingStep: true });
      ceiling = passes(row) ? { below: middle, crossed: ceiling.crossed } : { below: ceiling.below, crossed: middle };
    }
    ceiling ??= { below: size, crossed: null };
  }
} finally {
  await stopApiServer(server);
  await rm(DATA_DIR, { recursive: true, force: true });
}
const loadAfter = os.loadavg();

const ms = (v) => (Number.isFinite(v) ? String(Math.round(v)) : '-');
const table = (method) =>
  rows
    .filter((r) => r.method === method)
    .sort((a, b) => a.size - b.size)
    .map(
      (r) =>
        `| ${r.size} | ${Number.isFinite(r.subscribedS) ? `${r.subscribedS.toFixed(1)} s` : 'not within 90 s'} | ${r.delivered} / ${r.expected}${r.connectFailed ? ` (${r.connectFailed} sockets refused or timed out before their acknowledgement)` : ''} | ${Math.round(r.perSecond)} | ${ms(r.p50)} | ${ms(r.p99)} | ` +
        `${Math.round(r.cpuPercent)} % (${r.cpuUsPerDelivery.toFixed(1)} µs per delivery) | ${r.mbPer1000.toFixed(1)} | ${r.writes.perSecond.toFixed(1)}/s, p99 ${ms(r.writes.p99)} ms | ` +
        `${r.connectWrites.perSecond.toFixed(1)}/s, p99 ${ms(r.connectWrites.p99)} ms |`,
    )
    .join('\n');
const header =
  '| subscribers | all (acknowledged) subscribed after | delivered | deliveries/s | p50 ms | p99 ms | server CPU | server MB per 1,000 | writes during fan-out | writes while subscribing |\n' +
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |';
const ceilingText = !ceiling
  ? 'not searched (FANOUT_CEILING=0).'
  : ceiling.crossed === null
    ? `not reached: p99 stayed under ${BUDGET_P99_MS} ms with every delivery made up to ${ceiling.below} subscribers (the search stops at ${CEILING_MAX}: a process may open 20,000 files here).`
    : `between ${ceiling.below} (budget met) and ${ceiling.crossed} subscribers (p99 at or above ${BUDGET_P99_MS} ms, or deliveries missing).`;
const load = (l) => l.map((v) => v.toFixed(1)).join(' / ');
console.log(`Ceiling: ${ceilingText}`);
console.log(
  `Load average ${load(loadBefore)} before, ${load(loadAfter)} after (1 / 5 / 15 min, ${os.cpus().length} cores)`,
);

const section = `## Live fan-out

Measured by \`npm run bench:fanout\` (scripts/bench-fanout.mjs; \`npm run bench\` runs it too) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC:
${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}. Load average (1 / 5 / 15 min) ${load(loadBefore)} before, ${load(loadAfter)} after.
One API instance (built, production mode, embedded PostgreSQL), N graphql-ws subscribers to \`activity\` (national feed, anonymous),
each opened 200 per 50 ms while writes go on at ${RATE} a second; then ${RATE} mutations per second for ${SECONDS} s.
Latency is from the mutation's HTTP response (after commit) to receipt. "All subscribed after" runs from the first
socket to the commit of the first write (a probe) that every subscriber then received. Memory is the server's RSS growth
while the subscribers connect (garbage collection makes it noisy). Budget: 10,000 subscribers × 5 events/s delivered
to all (50,000 deliveries/s) at p99 under 250 ms, under 40 MB per 1,000 subscribers, writes keeping their rate.

${
  Math.max(loadBefore[0], loadAfter[0]) > os.cpus().length
    ? '**Measured on a loaded machine (load average above the cores): not reference figures.** Compare builds by server CPU per delivery.\n\n'
    : ''
}**Server alone** (the method of issue 21): the API's node process pinned to core 0, the subscribers in a separate
process pinned to core 1 (\`taskset\`), PostgreSQL on either core. One socket in ${SAMPLE} parses its messages
(latency, order, duplicates); the rest count the messages carrying the run's tag in the raw bytes. Server CPU is the
API process's own (user + system time from \`/proc/<pid>/stat\`, 100 % = one core) over the run and its drain.

${header}
${table('pinned')}

Ceiling (subscribers at which p99 crosses ${BUDGET_P99_MS} ms, server alone): ${ceilingText}

**Levers measured** (2026-12-02, server alone at 5,000 subscribers, builds compared back to back with
\`BENCH_DIST\`, load average 5–7 from other work on the 2 cores, so the server had about half of its core):

| build | all subscribed after | writes while subscribing | delivered | p50 / p99 ms | server CPU per delivery | MB per 1,000 | writes during fan-out |
| --- | --- | --- | --- | --- | --- | --- | --- |
| before issue 21 (3cec26a) | not within 90 s | p99 22,819 ms | 250000 / 250000 | 1301 / 4227 | 40.4 µs | 119.0 | p99 3,687 ms |
| no reads per subscriber at start (e2da6fd) | 6.0 s | p99 4,764 ms | 250000 / 250000 | 59 / 166 | 16.9 µs | 33.1 | p99 25 ms |
| and no promise chain per offer (4e21426) | 5.4 s | p99 616 ms | 250000 / 250000 | 84 / 599 | 17.8 µs | 30.5 | p99 1,109 ms |

Before, every new subscriber read "now", counted and paged its replay and its rights through the live pool: at
5,000 the replays were still running when the fan-out began and writes waited seconds for the database. Now one read
of "now" serves every subscriber that asked while one was under way, and the replay comes from the hub's memory
of its last 2,000 items (checked as live items are); only an older cursor reads the database. Delivering an offer
without a promise per offer and positions without a WeakMap made no difference above the noise (also at 10,000:
18.1 against 18.2 µs per delivery). \`ws\` already sends without compression: its server's \`perMessageDeflate\`
defaults to off and Nest sets none, so a client offering it (as browsers and these subscribers do) gets plain frames.

A CPU profile of the server at 10,000 (\`FANOUT_PROFILE=dir\`, after e2da6fd): 35 % in \`writev\` (one system call per
message per socket; on loopback it includes the receiving side's TCP work), 9 % garbage collection, 9 % microtasks,
4 % graphql-ws stringifying each \`next\` for each socket, 4 % graphql-ws's per-item emit, 3 % validating each
subscribe.

**Send path** (2026-12-02, later; \`scripts/bench-sendpath.mjs\` measures graphql-ws, \`ws\` and a build's grouped
subscribe and send path alone, without the database): each group's result is serialised once (graphql-ws's
\`jsonMessageReplacer\` leaves a \`next\` payload out, the socket's send puts the shared bytes back around its own
id, apps/api/src/graphql/subscriptions/shared-payloads.ts), each socket's whole frame is one buffer and one write
while \`ws\`'s sender is idle (else through \`ws.send\`), one promise per delivery in the grouped subscribe, and the hub
offers new items to 500 streams per turn of the event loop, so requests are answered during a fan-out (at 5,000, an
HTTP request needing 5 turns: p99 3.8 s before, 0.8 s after). Server CPU per delivery: 12.8 → 10.3 µs user time for
170-byte items and 19.5–27 → 10–13 µs for 2 KB items on the send path alone; 26.0 → 22.8 µs on average at 5,000 on
a loaded machine (runs overlap). The rest per delivery: the system call that writes each message to each socket
(half of the server's CPU; on loopback it includes the receiver's TCP work) and graphql-ws's own loop (its for-await,
a copy of each result, \`await onNext\`, a promise per send). Next: a subscribe and send loop of our own in place of
\`graphql-ws/use/ws\`, keeping the protocol and the hooks.
Back-pressure: a socket with more than \`WS_MAX_BUFFERED_BYTES\` waiting, or one of whose streams fell 10,000 items
behind, is closed with 4410 "Too slow: resume from your cursor".

Subscribing at 10,000: the server (one core) takes the handshakes more slowly than 200 per 50 ms while it fans out,
so Node's listen queue (backlog 511) overflows and the clients' kernels retry the dropped handshakes after 1, 3, 7 … s
(45.8 s to subscribe, 200 sockets never acknowledged). A backlog of 4,096, tried once, dropped none but took 76 s,
with writes meanwhile at p99 36 s instead of 534 ms: reverted. Handshakes and subscription set-up per socket are
the next cost to cut.

Then each subscription document is parsed and validated once per text, not per Subscribe message (graphql-ws parsed
and validated each, and the token limit parsed it once more; SubscribeDocuments, bounded by 2 million characters of
text): 5,000 subscribed in 6.0 s instead of 11.2 s; 10,000 in 39.0 s with all 500,000 delivered, p99 978 ms (one run
each, load 1.7).

**Pushed deliveries** (2026-12-02, the session after): an activity stream hands each item over as it comes
(\`LivePush\`, libs/common/src/live/live-push.ts) through its rights guard and its group's shared result to a writer
attached in graphql-ws's \`onOperation\` hook, which writes one frame per delivery straight to the socket
(apps/api/src/graphql/protection/websocket-limits.ts); graphql-ws still handles the connection, the Subscribe,
errors and completion, and its \`next()\` on the stream settles only at the end. Send path alone (5,000 subscribers
× 30 events, alternating builds): user CPU 12.3–13.4 → 5.6–6.6 µs per delivery, system 10.3–11.4 µs either way (the
write itself; on loopback it carries the receiver's TCP work). A raw \`ws\` broadcast of the same frames measured
4.6 µs user and 10.3 µs system: the push path is within about 1 µs of writing the bytes. With the fan-out cheaper,
subscribing is faster too: 10,000 subscribed in 7.0, 10.0, 17.3 and 18.9 s in four runs that day (budget 20 s; 39–46 s
before), every delivery made, p99 185–227 ms. What is left of subscribing is the server's own work per socket (about
0.4–0.5 ms of CPU: the HTTP upgrade, graphql-ws's messages, the resolver's set-up, garbage collection;
\`scripts/bench-subscribe.mjs\` measures it alone) against a fan-out to the sockets already subscribed that takes 85 %
of the core at 10,000; a listen backlog of 4,096 (tried again) dropped 672 handshakes instead of hundreds of
thousands but subscribed in 17.3 s: left at Node's 511. Memory on a fresh server (the table's column measures a server
reused across sizes, so its later rows understate it): 10,000 subscribers grew its RSS by 15.2 MB per 1,000
(\`scripts/bench-subscribe.mjs\`).

**Shared cores** (the method before issue 21, measured back to back on the same server): no pinning, the
subscribers in the benchmark's own process parsing every message, all sharing the two cores with the server.

${header}
${table('shared')}
`;
if (process.env.FANOUT_DOCS !== '0') {
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
}
process.exit(0);
