// Bytes allocated per request by one read query of `npm run bench:peers` (cache off), and by which
// functions: V8's sampling heap profiler over the inspector, counting objects young and old
// collections freed too (a `--heap-prof` file keeps only those still alive). What a request
// allocates is what the scavenges then copy or free: their pauses are the servers' tails.
//
//   DATABASE_URL=… node scripts/bench-alloc.mjs [--only N] [--requests 2000] [--top 30] [--survivors] [--query TEXT]
//
// N as in scripts/bench-cpu.mjs (0 areas, 1 network, 2 organisations, 3 coverage, 4 the bench's
// network, 5 events); the database needs the large set and the bench's events (bench-cpu --prepare).
// `--survivors`: only objects that outlived a scavenge (the promoted garbage that brings mark-compacts);
// `--query TEXT`: that query instead, to split a query's allocation by what it asks for.
import autocannon from 'autocannon';
import pg from 'pg';
import WebSocket from 'ws';
import { largestBenchNetwork } from './bench-networks-seed.mjs';
import { peerQueries } from './bench-peers-queries.mjs';
import { startApiServer, stopApiServer, untilReady } from './bench-server.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
};
const only = Number(arg('--only', 3));
const requests = Number(arg('--requests', 2000));
const top = Number(arg('--top', 30));
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL must name a database with the large set (scripts/bench-networks-seed.mjs)');
  process.exit(2);
}
const PORT = 3941;
const INSPECTOR = 9239;

async function query() {
  if (arg('--query')) {
    return { name: '--query', convene: arg('--query') }; // that query alone, to split a query's allocation by field
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const network = await largestBenchNetwork(client);
    const [name, convene] = peerQueries({ networkId: network.id, activeMembers: network.members, events: 20 })[only];
    return { name, convene };
  } finally {
    await client.end();
  }
}

/** The server's inspector: `send(method, params)` answers the result. */
async function inspector() {
  const [target] = await (await fetch(`http://127.0.0.1:${INSPECTOR}/json/list`)).json();
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let last = 0;
  const waiting = new Map();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      waiting.set(++last, resolve);
      socket.send(JSON.stringify({ id: last, method, params }));
    });
  return { send, close: () => socket.close() };
}

const load = (base, body, amount) =>
  autocannon({
    url: `${base}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: 20,
    amount,
  });

const { name, convene } = await query();
const server = startApiServer({
  port: PORT,
  seed: false,
  dataDir: '.data/bench-alloc', // unused: the server runs on DATABASE_URL
  databasePort: PORT + 2,
  nodeFlags: [`--inspect=127.0.0.1:${INSPECTOR}`],
  env: { DATABASE_URL: databaseUrl, RESPONSE_CACHE_MB: '0' },
});
try {
  await untilReady(server);
  const body = JSON.stringify({ query: convene });
  await load(server.base, body, Math.max(200, requests / 2)); // warm: compiled, optimised
  const { send, close } = await inspector();
  try {
    await send('HeapProfiler.enable');
    await send('HeapProfiler.startSampling', {
      samplingInterval: 8192,
      includeObjectsCollectedByMajorGC: true,
      // --survivors: only what outlived a scavenge (copied, then promoted or still alive): what makes mark-compacts.
      includeObjectsCollectedByMinorGC: !process.argv.includes('--survivors'),
    });
    const result = await load(server.base, body, requests);
    const { result: stopped } = await send('HeapProfiler.stopSampling');
    const bytes = new Map();
    let total = 0;
    const walk = (node) => {
      const { functionName, url, lineNumber } = node.callFrame;
      const where = `${functionName || '(anonymous)'} ${url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '')}:${lineNumber + 1}`;
      bytes.set(where, (bytes.get(where) ?? 0) + node.selfSize);
      total += node.selfSize;
      node.children.forEach(walk);
    };
    walk(stopped.profile.head);
    console.log(
      `${arg('--query') ? '' : `${only} `}${name}: ${result.requests.total} requests, ${(total / result.requests.total / 1024).toFixed(0)} kB allocated per request (sampled)`,
    );
    for (const [where, size] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${((size / total) * 100).toFixed(1).padStart(5)} %  ${where}`);
    }
  } finally {
    close();
  }
} finally {
  await stopApiServer(server);
}
