// The WebSocket send path alone (issue 21): server CPU per delivery of graphql-ws `next` messages from one build,
// without the database, Nest or the writer, so that two builds compare on a busy machine. The server
// (scripts/bench-sendpath-server.mjs) runs pinned to core 0, N raw graphql-transport-ws subscribers (each with an
// id of its own, as graphql-ws clients make them) and this process on core 1. E events at R a second go to every
// subscriber; server user and system CPU (process.cpuUsage) are counted from the first event until every delivery
// has arrived. Meanwhile an HTTP request needing 5 turns of the event loop is sent every 50 ms (latency p50 / p99).
//   node scripts/bench-sendpath.mjs BUILD [N=3000] [E=30] [R=5]    (BUILD: dist, or a copy such as dist-before)
// CHUNK=500: the stand-in hub offers an event to 500 streams per turn of the event loop (as ActivityHub does);
// ENTRIES=30: each item carries 30 entries (about 2 KB a message) instead of about 170 bytes.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const WebSocket = require(path.resolve('node_modules/@nestjs/graphql/node_modules/ws'));
const [build = 'dist', n = '3000', e = '30', r = '5'] = process.argv.slice(2);
const N = Number(n);
const E = Number(e);
const R = Number(r);
const PORT = 3950 + Math.floor(Math.random() * 40);
const QUERY = process.env.ENTRIES
  ? 'subscription { activity { cursor verb payload entries { key value at } } }'
  : 'subscription { activity { cursor verb payload } }';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

execFileSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const server = spawn(
  'taskset',
  ['-c', '0', process.execPath, '--max-semi-space-size=32', 'scripts/bench-sendpath-server.mjs', build, String(PORT)],
  { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
);
const replies = [];
let wake = null;
server.on('message', (message) => {
  replies.push(message);
  wake?.();
});
const ask = async (message) => {
  if (message) {
    server.send(message);
  }
  while (!replies.length) {
    await new Promise((resolve) => (wake = resolve));
  }
  return replies.shift();
};
await ask(null); // ready

let counted = 0;
let bytes = 0;
const sockets = [];
for (let i = 0; i < N; i++) {
  const socket = new WebSocket(`ws://127.0.0.1:${PORT}`, 'graphql-transport-ws');
  const id = `s${i}-${Math.random().toString(36).slice(2, 12)}`;
  socket.on('open', () => socket.send('{"type":"connection_init"}'));
  socket.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('{"type":"connection_ack"')) {
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: QUERY } }));
    } else if (text.includes('"type":"next"')) {
      counted++;
      bytes += data.length;
    }
  });
  sockets.push(socket);
  if (i % 200 === 199) {
    await sleep(20);
  }
}
while ((await ask({ command: 'streams' })).streams < N) {
  await sleep(200);
}

const latencies = [];
let requesting = true;
const requests = (async () => {
  while (requesting) {
    const sent = performance.now();
    await fetch(`http://127.0.0.1:${PORT + 1}/`).then((response) => response.text());
    latencies.push(performance.now() - sent);
    await sleep(50);
  }
})();
const { cpu: before } = await ask({ command: 'cpu' });
const started = performance.now();
await ask({ command: 'run', events: E, rate: R });
while (counted < N * E && performance.now() - started < 120_000) {
  await sleep(50);
}
const { cpu: after } = await ask({ command: 'cpu' });
const seconds = (performance.now() - started) / 1000;
requesting = false;
await requests;

latencies.sort((a, b) => a - b);
const at = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]);
const deliveries = N * E;
const user = (after.user - before.user) / deliveries;
const system = (after.system - before.system) / deliveries;
console.log(
  `${build} N=${N} E=${E}${process.env.CHUNK ? ` CHUNK=${process.env.CHUNK}` : ''}${process.env.ENTRIES ? ` ENTRIES=${process.env.ENTRIES}` : ''}: ` +
    `${counted}/${deliveries} delivered (${Math.round(bytes / Math.max(counted, 1))} B each) in ${seconds.toFixed(1)} s; ` +
    `server µs per delivery: user ${user.toFixed(2)}, system ${system.toFixed(2)}, total ${(user + system).toFixed(2)}; ` +
    `HTTP meanwhile ${latencies.length} requests, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`,
);
for (const socket of sockets) {
  socket.terminate();
}
server.kill();
process.exit(0);
