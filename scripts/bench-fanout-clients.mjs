// The subscribers of the fan-out benchmark (scripts/bench-fanout.mjs): raw graphql-transport-ws
// sockets, no client library, so that the load generator stays light. Run as a child process
// pinned to its own core (`taskset -c 1`, the new method), driven over IPC; or imported and run in
// the benchmark's own process (the old method, sharing the cores with the server).
//
// Only a sample of the sockets (one in FANOUT_SAMPLE) parses its messages, for latency and order;
// every other socket counts the messages carrying the run's tag by searching the raw bytes.
import WebSocket from 'ws';

const now = () => performance.timeOrigin + performance.now();
// Sockets come from 100 loopback addresses in turn: closed sockets keep their port in TIME_WAIT for
// a minute, and one address has about 28,000 ports to connect from.
let opened = 0;
const localAddress = () => `127.0.0.${2 + (opened++ % 100)}`;

/** A set of subscribers; `command` is what the benchmark asks of it, answering plain objects. */
export function subscriberPool({ url, sample }) {
  const sockets = [];
  let tag = Buffer.from('BENCH_NONE_');
  let tagText = 'BENCH_NONE_';
  let counted = 0;
  let bytes = 0;
  let closedEarly = 0;
  /** While connecting, the writes are probes: how many subscribers received each. */
  let probeTagText = 'PROBE_NONE_';
  let probeTag = Buffer.from(probeTagText);
  let probes = new Map();
  let acked = 0;
  let failed = 0;
  /** Close codes of sockets closed before their acknowledgement. */
  const closeCodes = new Map();
  /** Sampled sockets: code → receipt times, and order or duplicate faults. */
  let samples = new Map();
  /** Sampled sockets that saw two items in another order than the first sampled socket. */
  let outOfOrder = 0;
  let duplicates = 0;

  function open(sampled) {
    const socket = new WebSocket(url, 'graphql-transport-ws', { localAddress: localAddress() }); // offers permessage-deflate, as browsers do;
    const state = { socket, subscribed: false, seen: sampled ? new Set() : null, order: [] };
    sockets.push(state);
    socket.on('open', () => socket.send('{"type":"connection_init"}'));
    socket.on('error', () => {
      if (!state.subscribed && !state.failed) {
        state.failed = true;
        failed++;
      }
    });
    socket.on('close', (code) => {
      if (state.subscribed && !state.ended) {
        closedEarly++;
      } else if (!state.subscribed && !state.failed) {
        state.failed = true;
        failed++;
        closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
      }
    });
    socket.on('message', (data) => {
      if (!state.subscribed) {
        if (data.includes('connection_ack')) {
          state.subscribed = true;
          acked++;
          socket.send(
            '{"id":"1","type":"subscribe","payload":{"query":"subscription { activity { cursor payload } }"}}',
          );
        }
        return;
      }
      if (data.indexOf(tag) < 0) {
        if (data.indexOf(probeTag) >= 0) {
          const index = Number(new RegExp(`${probeTagText}(\\d+)`).exec(data.toString())?.[1]);
          probes.set(index, (probes.get(index) ?? 0) + 1);
        }
        return; // the connect phase's probes, or another run's
      }
      counted++;
      bytes += data.length;
      if (state.seen) {
        const text = data.toString();
        const code = new RegExp(`"code":"(${tagText}\\d+)"`).exec(text)?.[1];
        if (!code) {
          return;
        }
        const index = Number(code.slice(tagText.length));
        if (state.seen.has(index)) {
          duplicates++;
        }
        state.seen.add(index);
        state.order.push(index);
        let times = samples.get(code);
        if (!times) {
          times = [];
          samples.set(code, times);
        }
        times.push(now());
      }
    });
  }

  return {
    /** Opens `count` subscribers, `perStep` every `stepMs` (not waiting for answers), then waits for every acknowledgement. */
    async connect({ count, perStep = 200, stepMs = 50, probe }) {
      probeTagText = `PROBE_${probe}_`;
      probeTag = Buffer.from(probeTagText);
      probes = new Map();
      const started = now();
      for (let i = 0; i < count; i += perStep) {
        for (let j = i; j < Math.min(count, i + perStep); j++) {
          open(j % sample === 0);
        }
        await new Promise((r) => setTimeout(r, stepMs));
      }
      while (acked + failed < count && now() - started < 90_000) {
        await new Promise((r) => setTimeout(r, 20));
      }
      return { ackedMs: Math.round(now() - started), acked, failed, closeCodes: Object.fromEntries(closeCodes) };
    },
    /** From now on, count messages with this tag (and forget the previous run's). */
    track({ run }) {
      tagText = `BENCH_${run}_`;
      tag = Buffer.from(tagText);
      counted = 0;
      bytes = 0;
      samples = new Map();
      outOfOrder = 0;
      duplicates = 0;
      for (const state of sockets) {
        state.seen &&= new Set();
        state.order = [];
      }
      return {};
    },
    progress() {
      return { counted, bytes, closedEarly };
    },
    /** The first probe every subscriber received, or null. */
    probeReachingAll({ count }) {
      const all = [...probes].filter(([, n]) => n >= count).map(([index]) => index);
      return { index: all.length ? Math.min(...all) : null };
    },
    result() {
      // Every subscriber must see the items in the same (commit) order: compare each sampled socket
      // with the first one's order, over the items both received.
      const sampled = sockets.filter((s) => s.seen);
      const reference = sampled[0]?.order ?? [];
      const rank = new Map(reference.map((index, i) => [index, i]));
      for (const state of sampled) {
        const ranks = state.order.map((index) => rank.get(index)).filter((r) => r !== undefined);
        if (ranks.some((r, i) => i > 0 && r < ranks[i - 1])) {
          outOfOrder++;
        }
      }
      return {
        counted,
        bytes,
        closedEarly,
        outOfOrder,
        duplicates,
        sampledSockets: sockets.filter((s) => s.seen).length,
        samples: [...samples],
      };
    },
    close() {
      for (const state of sockets) {
        state.ended = true;
        state.socket.terminate();
      }
      sockets.length = 0;
      acked = 0;
      failed = 0;
      closedEarly = 0;
      return {};
    },
  };
}

// As a child process: commands arrive over IPC as { id, name, args }, answers go back as { id, value }.
if (process.send && process.argv[2] === '--child') {
  const pool = subscriberPool({ url: process.argv[3], sample: Number(process.argv[4]) });
  process.on('message', async ({ id, name, args }) => {
    try {
      process.send({ id, value: await pool[name](args) });
    } catch (error) {
      process.send({ id, error: String(error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
}
