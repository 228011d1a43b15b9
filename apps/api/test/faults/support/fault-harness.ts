import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { projectRoot } from '@app/common';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@app/database';
import { DEMO_PASSWORD } from '@app/identity';
import { randomPort } from '@app/testing';

export const MAIN = join(projectRoot(), 'dist/apps/api/src/main.js');
export const SECRET = 'faults-test-secret-faults-test-secret-0123456789';

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

mkdirSync(join(projectRoot(), 'reports'), { recursive: true });

/** A port of our own, below the ephemeral range so no outgoing connection can hold it. */
export const freePort = randomPort;

/** Polls `check` until it answers true or the deadline passes. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean> | boolean,
  ms = 60_000,
  giveUp: () => string | null = () => null,
): Promise<void> {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    const reason = giveUp();
    if (reason) {
      throw new Error(`Gave up waiting for ${what}: ${reason}`);
    }
    const done = await Promise.resolve()
      .then(check)
      .catch((error: unknown) => {
        last = error;
        return false;
      });
    if (done) {
      return;
    }
    await sleep(100);
  }
  const cause = last instanceof Error ? ` (last: ${last.message})` : '';
  throw new Error(`Timed out after ${ms} ms waiting for ${what}${cause}`);
}

/** A folder for one scenario's PostgreSQL data and process logs, removed at the end. */
export function scratchDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `convene-faults-${name}-`));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as user "postgres", which must enter it
  return dir;
}

/** A PostgreSQL of the scenario's own (never the machine's), which it may stop and start. */
export class FaultPostgres {
  private server: EmbeddedPostgres | null = null;
  url = '';

  constructor(
    private readonly dataDir: string,
    readonly port = freePort(),
  ) {}

  /** A copy of the migrated and seeded data directory the global setup made. */
  async startFromTemplate(): Promise<void> {
    const template = process.env.FAULTS_TEMPLATE_DIR;
    if (!template) {
      throw new Error('FAULTS_TEMPLATE_DIR is not set: run through jest.faults.config.mjs');
    }
    execFileSync('cp', ['-a', template, this.dataDir]);
    await this.start();
  }

  async start(): Promise<void> {
    this.server = await startEmbeddedPostgres({ dataDir: this.dataDir, port: this.port, database: 'convene' });
    this.url = this.server.url;
  }

  /** Fast shutdown (SIGINT to the postmaster): open transactions roll back, connections close. */
  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = null;
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new PgClient({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
}

/** A redis-server of the scenario's own, on its own port, without persistence. */
export class FaultRedis {
  private process: ChildProcess | null = null;
  readonly url: string;

  constructor(readonly port = freePort()) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const proc = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.process = proc;
    await waitUntil('redis-server', () => this.command('PING').then((r) => r.startsWith('+PONG')), 15_000);
  }

  async stop(): Promise<void> {
    const proc = this.process;
    this.process = null;
    if (proc && proc.exitCode === null) {
      const exited = new Promise((done) => proc.once('exit', done));
      proc.kill('SIGTERM');
      await exited;
    }
  }

  /** One inline command over a raw socket (no client library state to reset between restarts). */
  async command(...words: string[]): Promise<string> {
    const { connect } = await import('node:net');
    return new Promise((resolve, reject) => {
      const socket = connect(this.port, '127.0.0.1');
      let reply = '';
      socket.setTimeout(2_000, () => socket.destroy(new Error('redis timeout')));
      socket.on('error', reject);
      socket.on('data', (chunk) => {
        reply += chunk.toString();
        if (reply.endsWith('\r\n')) {
          socket.end();
          resolve(reply);
        }
      });
      socket.write(`${words.join(' ')}\r\n`);
    });
  }
}

/** The built API as a child process, so a scenario can kill it. */
/** Whether process `pid` holds the listening TCP socket of `port` (Linux: /proc/net/tcp* and the process's fds). */
function listensOn(pid: number | undefined, port: number): boolean {
  if (pid === undefined) {
    return false;
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = existsSync(table) ? readFileSync(table, 'utf8').split('\n').slice(1) : [];
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      // local_address is "<address>:<port in hex>"; state 0A is LISTEN; the inode is the tenth field.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A') {
        inodes.add(fields[9]);
      }
    }
  }
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        return target.startsWith('socket:[') && inodes.has(target.slice(8, -1));
      } catch {
        return false; // closed meanwhile
      }
    });
  } catch {
    return false; // the process is gone
  }
}

export class ApiProcess {
  readonly port = freePort();
  readonly baseUrl = `http://127.0.0.1:${this.port}`;
  readonly graphqlUrl = `${this.baseUrl}/graphql`;
  readonly output: string[] = [];
  private readonly process: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(env: Record<string, string>, logFile?: string) {
    this.process = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        JWT_SECRET: SECRET,
        PORT: String(this.port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
    for (const stream of [this.process.stdout, this.process.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        this.output.push(chunk.toString());
        log?.write(chunk);
      });
    }
    this.exited = new Promise((done) => this.process.once('exit', (code, signal) => done({ code, signal })));
    void this.exited.then(({ code, signal }) => {
      if (this.ready && !this.stopped) {
        // A crash would otherwise show only as refused connections in whatever the test did next.
        console.error(
          `[faults] the API on port ${this.port} exited on its own (${code ?? signal}); its last output:\n${this.output.join('').slice(-4_000)}`,
        );
      }
    });
  }

  /** Set when the test stops or kills it (an exit otherwise, once it was ready, is reported). */
  private stopped = false;
  private ready = false;

  /**
   * Starts the API and waits until it is ready; fails at once with its output if it exits, and
   * tries another port if the one drawn was taken meanwhile.
   */
  static async start(env: Record<string, string>, logFile?: string, tries = 3): Promise<ApiProcess> {
    const api = new ApiProcess(env, logFile);
    const output = (): string => api.output.join('').slice(-4_000);
    try {
      await waitUntil(
        `the API on port ${api.port}`,
        // Ours, not another suite's server that drew the same random port (ours then fails with EADDRINUSE).
        async () =>
          listensOn(api.pid, api.port) &&
          (await fetch(`${api.baseUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) })).ok,
        120_000,
        () => (api.running ? null : `it exited before it was ready:\n${output()}`),
      );
      api.ready = true;
      return api;
    } catch (error) {
      api.kill('SIGKILL');
      if (tries > 1 && output().includes('EADDRINUSE')) {
        return ApiProcess.start(env, logFile, tries - 1);
      }
      throw error instanceof Error ? new Error(`${error.message}\n${output()}`) : error;
    }
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  kill(signal: NodeJS.Signals): void {
    this.stopped = true;
    if (this.running) {
      this.process.kill(signal);
    }
  }

  async stop(): Promise<void> {
    if (this.running) {
      this.kill('SIGTERM');
      const timer = setTimeout(() => this.kill('SIGKILL'), 15_000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<{ status: number; body: Answer }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

export async function adminHeaders(graphqlUrl: string): Promise<Record<string, string>> {
  const { body } = await post(
    graphqlUrl,
    'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }',
    { e: 'admin@demo.convene.example', p: DEMO_PASSWORD },
  );
  const token = (body.data?.signIn as { accessToken?: string } | undefined)?.accessToken;
  if (!token) {
    throw new Error(`sign-in failed: ${JSON.stringify(body.errors)}`);
  }
  return { authorization: `Bearer ${token}` };
}

const CREATE =
  'mutation ($c: String!) { createSpecialism(input: { code: $c, label: "Fault test" }) { specialism { code } } }';

/**
 * Waits until every subscriber has received an item (probe writes outside the scenario's prefix),
 * so none starts "from now" after the scenario's first writes: a socket being open does not mean
 * its subscription has registered, least of all on a busy machine.
 */
export async function primeSubscribers(
  subscribers: readonly Subscriber[],
  target: () => { url: string; headers: Record<string, string> },
): Promise<void> {
  let probes = 0;
  await waitUntil(
    'every subscriber to receive a probe item',
    async () => {
      if (subscribers.every((s) => s.started)) {
        return true;
      }
      const { url, headers } = target();
      await post(url, CREATE, { c: `PROBE_${process.pid}_${Date.now()}_${probes++}` }, headers);
      await sleep(500);
      return subscribers.every((s) => s.started);
    },
    90_000,
  );
}

/** Per writer: what was acknowledged, and how the failures were answered. */
export class Writers {
  readonly acknowledged: string[] = [];
  readonly failures: { code: string; status: number; ms: number; at: number }[] = [];
  /** Requests that got no answer within their timeout (a hang). */
  hung = 0;
  private stopped = false;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly prefix: string,
    private readonly targets: () => { url: string; headers: Record<string, string> }[],
    count: number,
    private readonly timeoutMs = 10_000,
  ) {
    for (let w = 0; w < count; w++) {
      this.loops.push(this.loop(w));
    }
  }

  private async loop(w: number): Promise<void> {
    for (let i = 0; !this.stopped; i++) {
      const targets = this.targets();
      const target = targets[(w + i) % targets.length];
      if (!target) {
        await sleep(50);
        continue;
      }
      const code = `${this.prefix}_W${w}_${i}`;
      const started = Date.now();
      try {
        const { status, body } = await post(target.url, CREATE, { c: code }, target.headers, this.timeoutMs);
        if (!body.errors && body.data) {
          this.acknowledged.push(code);
        } else {
          this.failures.push({
            code: body.errors?.[0]?.extensions?.code ?? '?',
            status,
            ms: Date.now() - started,
            at: started,
          });
          await sleep(50);
        }
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'TimeoutError') {
          this.hung++;
        }
        this.failures.push({
          code: name === 'TimeoutError' ? 'TIMEOUT' : 'NO_ANSWER',
          status: 0,
          ms: Date.now() - started,
          at: started,
        });
        await sleep(50);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }
}

const SUBSCRIBE = 'subscription ($after: String) { activity(after: $after) { cursor payload } }';

/**
 * A client that follows the activity feed as a dashboard would: when its socket closes or the
 * subscription fails, it reconnects (to whichever instance `url()` names) with the cursor of the
 * last item it received.
 */
export class Subscriber {
  readonly codes: string[] = [];
  reconnects = 0;
  private cursor: string | null;
  private client: WsClient | null = null;
  private stopped = false;
  private connected = false;

  constructor(
    private readonly url: () => string,
    private readonly prefix: string,
    after: string | null,
  ) {
    this.cursor = after;
    this.connect();
  }

  get live(): boolean {
    return this.connected;
  }

  /** It has received an item, so a reconnect resumes from a cursor instead of from "now". */
  get started(): boolean {
    return this.cursor !== null;
  }

  private connect(): void {
    if (this.stopped) {
      return;
    }
    const client = createClient({
      url: this.url().replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      on: { connected: () => (this.connected = true) },
    });
    this.client = client;
    const again = (): void => {
      this.connected = false;
      if (this.client === client && !this.stopped) {
        this.reconnects++;
        void client.dispose();
        setTimeout(() => this.connect(), 200);
      }
    };
    client.subscribe<{ activity: { cursor: string; payload: { code?: string } } }>(
      { query: SUBSCRIBE, variables: { after: this.cursor } },
      {
        next: (message) => {
          const item = message.data?.activity;
          if (item) {
            this.cursor = item.cursor;
            if (item.payload.code?.startsWith(this.prefix)) {
              this.codes.push(item.payload.code);
            }
          } else if (message.errors) {
            again();
          }
        },
        error: again,
        complete: again,
      },
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.dispose();
  }
}

/** What a scenario reports, and what its assertions are made on. */
export interface Tally {
  writesAcknowledged: number;
  writesFound: number;
  acknowledgedMissing: number;
  itemsExpected: number;
  itemsDelivered: number;
  duplicates: number;
  gaps: number;
  outOfOrder: number;
  /** Per subscriber with a gap: its index, reconnects and the first codes it missed. */
  gapDetail: string;
}

/** Compares what each subscriber received with the feed order in the database. */
export async function tally(
  db: FaultPostgres,
  prefix: string,
  writers: Writers,
  subscribers: Subscriber[],
): Promise<Tally> {
  const found = new Set(
    (await db.query<{ code: string }>('SELECT code FROM specialism WHERE code LIKE $1', [`${prefix}\\_%`])).map(
      (r) => r.code,
    ),
  );
  const feed = (
    await db.query<{ code: string }>(
      `SELECT payload->>'code' AS code FROM activity_event WHERE payload->>'code' LIKE $1 ORDER BY tx_id, sequence`,
      [`${prefix}\\_%`],
    )
  ).map((r) => r.code);
  let duplicates = 0;
  let gaps = 0;
  let outOfOrder = 0;
  let delivered = 0;
  const gapDetail: string[] = [];
  for (const [index, subscriber] of subscribers.entries()) {
    const seen = new Set<string>();
    delivered += subscriber.codes.length;
    for (const code of subscriber.codes) {
      if (seen.has(code)) {
        duplicates++;
      }
      seen.add(code);
    }
    const missed = feed.filter((code) => !seen.has(code));
    gaps += missed.length;
    if (missed.length > 0) {
      gapDetail.push(`${index}/${subscriber.reconnects}/${missed.slice(0, 3).join('+')}`);
    }
    const unique = subscriber.codes.filter((code, i) => subscriber.codes.indexOf(code) === i);
    const inFeedOrder = feed.filter((code) => seen.has(code));
    outOfOrder += unique.filter((code, i) => inFeedOrder[i] !== code).length;
  }
  return {
    writesAcknowledged: writers.acknowledged.length,
    writesFound: writers.acknowledged.filter((code) => found.has(code)).length,
    acknowledgedMissing: writers.acknowledged.filter((code) => !found.has(code)).length,
    itemsExpected: feed.length * subscribers.length,
    itemsDelivered: delivered,
    duplicates,
    gaps,
    outOfOrder,
    gapDetail: gapDetail.join(',') || 'none',
  };
}

/** Waits until every subscriber has every item of the feed (or the deadline passes). */
export async function waitForDelivery(
  db: FaultPostgres,
  prefix: string,
  subscribers: Subscriber[],
  ms = 60_000,
): Promise<void> {
  const [{ n }] = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM activity_event WHERE payload->>'code' LIKE $1`,
    [`${prefix}\\_%`],
  );
  await waitUntil(
    'every subscriber to receive every item',
    () => subscribers.every((s) => new Set(s.codes).size >= Number(n)),
    ms,
  ).catch(() => undefined); // the tally then shows the gaps
}

export function report(scenario: string, figures: Record<string, unknown>): void {
  const line = `[faults] ${scenario}: ${Object.entries(figures)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ')}`;
  console.log(line);
  appendFileSync(join(projectRoot(), 'reports', 'faults-summary.txt'), `${line}\n`);
}

export function cleanUp(dir: string): void {
  if (existsSync(dir)) {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
