// The server half of scripts/bench-sendpath.mjs: graphql-ws and `ws` (Nest's copies, as the API uses them) with
// the send path of a build (BUILD: dist, or a copy of it): its grouped subscribe, its WebSocketLimits (the
// socket's send), and its SharedPayloads if it has them. No database, no Nest: a stand-in hub offers each
// event to every subscriber's stream (CHUNK streams per turn of the event loop, 0: all at once), and an HTTP
// handler that needs 5 turns of the event loop stands in for a mutation.
//   node scripts/bench-sendpath-server.mjs BUILD PORT   (spawned by the driver, over IPC)
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url); // the builds and Nest's copies of ws and graphql-ws are CommonJS
require('reflect-metadata');

const [buildArg, portArg] = process.argv.slice(2);
const BUILD = path.resolve(buildArg);
const PORT = Number(portArg);
const CHUNK = Number(process.env.CHUNK ?? 0);
const ENTRIES = Number(process.env.ENTRIES ?? 0);
const nested = path.resolve('node_modules/@nestjs/graphql/node_modules');
const { WebSocketServer } = require(path.join(nested, 'ws'));
const { useServer } = require(path.join(nested, 'graphql-ws/dist/use/ws.cjs'));
const { buildSchema } = require('graphql');
const { groupedSubscribe } = require(path.join(BUILD, 'apps/api/src/graphql/subscriptions/grouped-subscribe.js'));
const { WebSocketLimits } = require(path.join(BUILD, 'apps/api/src/graphql/protection/websocket-limits.js'));
const { loadConfig } = require(path.join(BUILD, 'apps/api/src/config/app-config.js'));
let shared = null;
try {
  shared = require(path.join(BUILD, 'apps/api/src/graphql/subscriptions/shared-payloads.js'));
} catch {
  // a build from before SharedPayloads
}

const schema = buildSchema(`
  type Entry { key: String value: String at: Int }
  type Item { cursor: String verb: String payload: String entries: [Entry] }
  type Query { nothing: Int }
  type Subscription { activity: Item }
`);
const streams = new Set();
/** One subscriber's queue, as ActivityStream hands items over (a waiting promise, or a queue). */
class Stream {
  queue = [];
  waiting = null;
  closed = false;
  offer(item) {
    if (this.push) {
      this.push(item);
    } else if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
    } else {
      this.queue.push(item);
    }
  }
  /** As ActivityStream pushes (a build whose grouped subscribe asks for it). */
  pushTo(deliver) {
    this.push = deliver;
    this.queue.splice(0).forEach(deliver);
  }
  next() {
    const item = this.queue.shift();
    if (item) {
      return Promise.resolve({ value: item, done: false });
    }
    if (this.closed) {
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => (this.waiting = resolve));
  }
  return() {
    this.closed = true;
    streams.delete(this);
    this.waiting?.({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }
  [Symbol.asyncIterator]() {
    return this;
  }
}
const activity = schema.getSubscriptionType().getFields().activity;
activity.subscribe = () => {
  const stream = new Stream();
  streams.add(stream);
  return stream;
};
activity.resolve = (item) => item;

const config = loadConfig({ WS_MAX_SOCKETS_PER_ADDRESS: '100000' });
const payloads = shared ? new shared.SharedPayloads() : null;
const limits = new WebSocketLimits(config, {}, {}, payloads);
const wss = new WebSocketServer({ port: PORT });
wss.on('connection', (socket, request) => limits.opened(socket, request)); // what onApplicationBootstrap does
useServer(
  {
    schema,
    subscribe: groupedSubscribe(),
    onOperation: (ctx, id, payload, args, result) => limits.setUp(ctx, id, payload, args, result),
    ...(payloads
      ? { onNext: (_ctx, _id, _payload, _args, result) => result, jsonMessageReplacer: shared.jsonReplacer(payloads) }
      : { onNext: () => undefined }),
  },
  wss,
);

async function run(events, rate) {
  const started = performance.now();
  for (let i = 0; i < events; i++) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + (i * 1000) / rate - performance.now())));
    const item = {
      sequence: `${Date.now()}${i}`,
      cursor: `c${i}`,
      verb: 'SPECIALISM_CREATED',
      payload: JSON.stringify({ code: `BENCH_${i}`, label: 'Bench' }),
      entries: Array.from({ length: ENTRIES }, (_, k) => ({
        key: `field${k}`,
        value: `a value of some length ${k}`,
        at: k,
      })),
    };
    let offered = 0;
    for (const stream of streams) {
      stream.offer(item);
      if (CHUNK && ++offered % CHUNK === 0) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
}

process.on('message', async ({ command, events, rate }) => {
  if (command === 'streams') {
    process.send({ streams: streams.size });
  }
  if (command === 'cpu') {
    process.send({ cpu: process.cpuUsage() });
  }
  if (command === 'run') {
    await run(events, rate);
    process.send({ ran: true });
  }
});
http
  .createServer(async (_request, response) => {
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    response.end('ok');
  })
  .listen(PORT + 1, '127.0.0.1', () => process.send({ ready: true }));
