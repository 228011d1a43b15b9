// Subscription set-up alone (issue 21): N anonymous `activity` subscribers opened 200 per 50 ms
// against one API instance pinned to core 0 (this process, the subscribers, on core 1), with no
// writes; prints the wall time until every acknowledgement and until the server counts N open
// subscriptions, the server's CPU per subscriber and its memory (RSS) growth per 1,000 subscribers
// (a fresh server: the fan-out benchmark reuses one across sizes, so its later rows understate it).
// SUBSCRIBE_SIZES (10000), SUBSCRIBE_PROFILE=dir (a --cpu-prof profile of the server, which then
// covers start-up and this phase only).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { subscriberPool } from './bench-fanout-clients.mjs';
import {
  cpuSeconds,
  openSubscriptions as openSubscriptionsOf,
  rssMb,
  startApiServer,
  stopApiServer,
  untilReady,
} from './bench-server.mjs';

const PORT = 3921;
const SIZES = (process.env.SUBSCRIBE_SIZES ?? '10000').split(',').map(Number);
const METRICS_TOKEN = randomBytes(24).toString('hex');
const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const openSubscriptions = () => openSubscriptionsOf(`http://127.0.0.1:${PORT}`, METRICS_TOKEN);

execFileSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const server = startApiServer({
  port: PORT,
  dataDir: '.data/bench-subscribe',
  databasePort: 54381,
  cpus: '0',
  env: { METRICS_TOKEN },
  nodeFlags: process.env.SUBSCRIBE_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SUBSCRIBE_PROFILE}`] : [],
});
try {
  await untilReady(server);
  for (const size of SIZES) {
    const pool = subscriberPool({ url: `ws://127.0.0.1:${PORT}/graphql`, sample: 1_000_000 });
    const cpuBefore = cpuSeconds(server.child.pid);
    const rssBefore = rssMb(server.child.pid);
    const started = now();
    const { ackedMs, acked, failed, closeCodes } = await pool.connect({ count: size, probe: 'NONE' });
    let open = 0;
    while (now() - started < 120_000 && (open = await openSubscriptions()) < acked) {
      await sleep(100);
    }
    const subscribedMs = now() - started;
    const cpu = cpuSeconds(server.child.pid) - cpuBefore;
    await sleep(1_000);
    const mbPer1000 = ((rssMb(server.child.pid) - rssBefore) / Math.max(open, 1)) * 1000;
    console.log(
      `${size}: acknowledged ${acked} in ${(ackedMs / 1000).toFixed(1)} s (${failed} failed ${JSON.stringify(closeCodes)}), ` +
        `${open} subscribed after ${(subscribedMs / 1000).toFixed(1)} s; server CPU ${cpu.toFixed(2)} s ` +
        `(${((cpu * 1e6) / Math.max(open, 1)).toFixed(0)} µs per subscriber); RSS grew ${mbPer1000.toFixed(1)} MB per 1,000`,
    );
    await pool.close();
    for (let i = 0; i < 100 && (await openSubscriptions()) > 0; i++) {
      await sleep(200);
    }
  }
} finally {
  await stopApiServer(server);
  await rm('.data/bench-subscribe', { recursive: true, force: true });
}
