// Email throughput and delay, on the built API (`npm run build` first): the server sends through
// real SMTP to a sink in this process (smtp-server). Measures (1) messages per second from the
// job queue through SMTP, with every message already planned, and (2) the delay from a
// mutation's answer (its commit) to the message arriving, for an immediate notification.
// Loopback only, its own embedded PostgreSQL unless DATABASE_URL. Updates the "Email" section
// of docs/benchmarks.md.
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { SMTPServer } from 'smtp-server';
import { startApiServer, stopApiServer, untilReady } from './bench-server.mjs';

const PORT = 3937;
const SMTP_PORT = 2539;
const BASE = `http://127.0.0.1:${PORT}`;
const DATA_DIR = '.data/bench-mail';
const THROUGHPUT_MESSAGES = Number(process.env.BENCH_MAIL_MESSAGES ?? 500);
const DELAY_SAMPLES = Number(process.env.BENCH_MAIL_SAMPLES ?? 100);
const NEWPORT_CVS = process.env.BENCH_ORGANISATION; // found below when unset

/** The sink: records when each message (by recipient) arrived; `gate` holds deliveries until opened. */
const arrived = new Map();
let open = () => undefined;
let gate = Promise.resolve();
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onRcptTo(address, session, callback) {
    session.recipient = address.address;
    callback();
  },
  onData(stream, session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      gate.then(() => {
        arrived.set(session.recipient, performance.now());
        callback();
      });
    });
  },
});
await new Promise((resolve) => sink.listen(SMTP_PORT, '127.0.0.1', resolve));

async function graphql(query, variables, token) {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) {
    throw new Error(JSON.stringify(body.errors));
  }
  return body.data;
}

const until = async (condition, what, timeoutMs = 300_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

if (!process.env.DATABASE_URL) {
  await rm(DATA_DIR, { recursive: true, force: true });
}
const server = startApiServer({
  port: PORT,
  dataDir: DATA_DIR,
  databasePort: 54397,
  env: {
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    PUBLIC_URL: 'https://convene.bench',
    // Every message is an invitation from one person of one organisation.
    ORG_INVITATIONS_PER_DAY: '100000',
    INVITER_INVITATIONS_PER_HOUR: '100000',
  },
});
let section;
try {
  await untilReady(server);
  const { signIn } = await graphql('mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }', {
    i: { email: 'coordinator@demo.convene.example', password: 'convene-demo-2026' },
  });
  const token = signIn.accessToken;
  const organisationId =
    NEWPORT_CVS ??
    (await graphql('{ me { affiliations { organisation { id } } } }', {}, token)).me.affiliations[0].organisation.id;
  const invite = (email) =>
    graphql(
      'mutation($i: InviteToOrganisationInput!) { inviteToOrganisation(input: $i) { invitation { id } } }',
      { i: { organisationId, email } },
      token,
    );
  const run = Date.now().toString(36);

  // 1. Throughput: plan every message while the sink holds deliveries, then open it and time the drain.
  gate = new Promise((resolve) => (open = resolve));
  const addresses = Array.from({ length: THROUGHPUT_MESSAGES }, (_, i) => `bulk-${run}-${i}@example.org`);
  for (let i = 0; i < addresses.length; i += 16) {
    await Promise.all(addresses.slice(i, i + 16).map(invite));
  }
  const opened = performance.now();
  open();
  await until(() => addresses.every((a) => arrived.has(a)), 'every bulk message');
  const drainMs = Math.max(...addresses.map((a) => arrived.get(a))) - opened;
  const perSecond = Math.round((THROUGHPUT_MESSAGES / drainMs) * 1000);

  // 2. Delay: one invitation at a time; from the mutation's answer (after its commit) to arrival.
  const delays = [];
  for (let i = 0; i < DELAY_SAMPLES; i++) {
    const address = `one-${run}-${i}@example.org`;
    await invite(address);
    const answered = performance.now();
    await until(() => arrived.has(address), `message ${i}`, 60_000);
    delays.push(arrived.get(address) - answered);
  }
  const ms = (v) => `${Math.round(v)} ms`;
  section = `## Email

Measured by \`node scripts/bench-mail.mjs\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL 18'}; the built
server (NODE_ENV=production) sends through SMTP (nodemailer, a pool of 2 connections) to an smtp-server sink in the
benchmark's process on loopback, with the default planning and polling settings (\`NOTIFICATION_PLAN_INTERVAL_MS=500\`,
\`NOTIFICATION_POLL_SECONDS=2\`).

| measure | value |
| --- | --- |
| throughput: ${THROUGHPUT_MESSAGES} invitation emails already planned, from opening the sink to the last accepted | ${perSecond} messages/s (${ms(drainMs)}) |
| delay from \`inviteToOrganisation\`'s answer (after commit) to the message accepted by the sink, ${DELAY_SAMPLES} one at a time: p50 | ${ms(percentile(delays, 50))} |
| same, p99 | ${ms(percentile(delays, 99))} |
| same, max | ${ms(Math.max(...delays))} |

Load average at the end of the run: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (1 / 5 / 15 min) on ${os.cpus().length} cores.

Each message is claimed (a lease, one statement), rendered, handed to SMTP and marked sent, one after another per
instance, in batches of 20 jobs (a full batch fetches the next at once): the figure is per instance, bounded by the
round trips to PostgreSQL and SMTP. The delay is the planner's wait for
the item to settle and its next tick (at most \`NOTIFICATION_PLAN_INTERVAL_MS\`), then the send job, which the planning
instance wakes at once (pg-boss \`notifyWorker\`) rather than at its next poll.
`;
} finally {
  await stopApiServer(server);
  sink.close();
}
const path = 'docs/benchmarks.md';
const current = await readFile(path, 'utf8').catch(() => '# Benchmarks\n');
const start = current.indexOf('## Email');
const next = start < 0 ? -1 : current.indexOf('\n## ', start + 1);
const updated =
  start < 0
    ? `${current.trimEnd()}\n\n${section}`
    : current.slice(0, start) + section + (next < 0 ? '' : current.slice(next + 1));
await writeFile(path, updated);
console.log(section);
