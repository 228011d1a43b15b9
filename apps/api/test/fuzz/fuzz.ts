import fc from 'fast-check';
import { buildSchema, type GraphQLSchema, isEnumType } from 'graphql';
import { scryptSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '@app/identity';
import { demoOrganisationId } from '@app/organisations';
import { projectRoot } from '@app/common';
import { Draw, randomOperation, type Operation, ValuePool } from './operations';

/** What fails a run: the limits the API promises to every caller. */
export const LIMITS = { maxBytes: 1_000_000, maxMs: 1_000 };

/**
 * How many times slower than a calm machine this one runs right now, from a fixed piece of CPU
 * work (a password hash that takes about 30 ms on one free core), 1 to 10. On a shared machine
 * whose other processes take the CPUs every request is slow: the time limit is scaled by this, so
 * a request is a stall when it is slow for the machine it ran on (capped, so a stall of many
 * seconds is one however busy the machine is).
 */
function slowdown(): number {
  const started = performance.now();
  scryptSync('benchmark', 'salt', 32, { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return Math.min(10, Math.max(1, (performance.now() - started) / CALM_BENCHMARK_MS));
}
const CALM_BENCHMARK_MS = 30;

const DEMO_LOGINS = ['admin', 'coordinator', 'member', 'partner'].map((role) => `${role}@demo.convene.example`);
/** Sessions are renewed well before access tokens (15 minutes) run out. */
const SESSION_RENEW_MS = 10 * 60_000;

export interface FuzzFailure {
  readonly reason: string;
  readonly actor: string;
  readonly operation: Operation;
  readonly status: number;
  readonly ms: number;
  readonly body: string;
}

export interface FuzzReport {
  readonly runs: number;
  readonly seed: number;
  /** Errors by `extensions.code` (each error counted), and `OK` for answers without errors. */
  readonly codes: Record<string, number>;
  /** Refusals by `extensions.reason`. */
  readonly reasons: Record<string, number>;
  readonly statuses: Record<string, number>;
  readonly failures: FuzzFailure[];
  slowestMs: number;
  largestBytes: number;
  /** Requests sent again because they took over the limit (a stall only if every try did). */
  retriedSlow: number;
  /** Requests over the limit on every try, but not over it scaled by how slow the machine ran. */
  slowOnBusyMachine: number;
  /** The largest slowdown of the machine measured after a slow request. */
  worstSlowdown: number;
  /** The first message seen for each code, to tell what a code stands for in this run. */
  readonly samples: Record<string, string>;
}

interface Actor {
  readonly name: string;
  headers: Record<string, string>;
  renewedAt: number;
  renew?: () => Promise<Record<string, string>>;
}

/**
 * Codes only a refusal by a service (a `DomainError`) carries, so always with a reason. GraphQL's own
 * errors (validation, variables: BAD_USER_INPUT too) and the transport's limits have none.
 */
const REFUSAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT']);

/** The reasons the committed schema documents. */
function documentedReasons(schema: GraphQLSchema): Set<string> {
  const type = schema.getType('RefusalReason');
  return new Set(isEnumType(type) ? type.getValues().map((v) => v.name) : []);
}

export function committedSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(projectRoot(), 'schema', 'schema.graphql'), 'utf8'));
}

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

async function signIn(url: string, email: string): Promise<Record<string, string>> {
  const { text } = await post(
    url,
    'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }',
    { e: email, p: DEMO_PASSWORD },
    {},
  );
  const token = (JSON.parse(text) as { data?: { signIn?: { accessToken?: string } } }).data?.signIn?.accessToken;
  // A fuzzed run may have throttled or changed a demo login: carry on as whoever the server says we are.
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function actors(url: string): Promise<Actor[]> {
  const now = Date.now();
  const people = await Promise.all(
    DEMO_LOGINS.map(async (email) => {
      const renew = () => signIn(url, email);
      return { name: email.split('@')[0], headers: await renew(), renewedAt: now, renew };
    }),
  );
  const coordinator = people.find((p) => p.name === 'coordinator');
  const { text } = await post(
    url,
    'mutation ($o: ID!) { createApiToken(input: { name: "Fuzz (test)", organisationId: $o, scopeKind: NATIONAL }) { token } }',
    { o: demoOrganisationId('cvs:W06000022') },
    coordinator?.headers ?? {},
  );
  const apiToken = (JSON.parse(text) as { data?: { createApiToken?: { token?: string } } }).data?.createApiToken?.token;
  if (!apiToken) {
    throw new Error(`could not create the fuzzer's API token: ${text}`);
  }
  return [
    { name: 'anonymous', headers: {}, renewedAt: now },
    ...people,
    { name: 'api-token', headers: { authorization: `Bearer ${apiToken}` }, renewedAt: now },
  ];
}

/** Fills the pool with real ids, codes and cursors from the demo data before fuzzing starts. */
async function seedPool(url: string, pool: ValuePool, headers: Record<string, string>): Promise<void> {
  const reads = [
    '{ policeForceAreas { code localAuthorities { code } } }',
    '{ organisations(first: 100) { edges { cursor node { id } } pageInfo { endCursor } } }',
    '{ networks(first: 100) { edges { cursor node { id } } pageInfo { endCursor } } }',
    '{ events(first: 100) { edges { cursor node { id } } pageInfo { endCursor } } }',
    '{ activity(first: 50) { edges { cursor node { id } } pageInfo { endCursor } } }',
    '{ me { id affiliations { organisation { id } } } }',
  ];
  for (const query of reads) {
    const { text } = await post(url, query, {}, headers);
    pool.collect(JSON.parse(text));
  }
}

function tally(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

/**
 * Sends `runs` random operations, one at a time, each as a random actor (anonymous, each demo
 * login, an API token). Never throws for what the server answers: every breach of the limits
 * is a failure in the report, so one run finds them all.
 */
export async function fuzz(url: string, runs: number, seed = Date.now() % 2_147_483_647): Promise<FuzzReport> {
  const schema = committedSchema();
  const reasons = documentedReasons(schema);
  const pool = new ValuePool();
  const everyone = await actors(url);
  await seedPool(url, pool, everyone.find((a) => a.name === 'admin')?.headers ?? {});
  const report: FuzzReport = {
    runs,
    seed,
    codes: {},
    reasons: {},
    statuses: {},
    failures: [],
    slowestMs: 0,
    largestBytes: 0,
    retriedSlow: 0,
    slowOnBusyMachine: 0,
    worstSlowdown: 1,
    samples: {},
  };
  let sent = 0;
  const property = fc.asyncProperty(fc.gen(), async (g) => {
    const draw = new Draw(g);
    const actor = draw.pick(everyone);
    const operation = randomOperation(draw, schema, pool);
    if (actor.renew && Date.now() - actor.renewedAt > SESSION_RENEW_MS) {
      actor.headers = await actor.renew();
      actor.renewedAt = Date.now();
    }
    let answer = await post(url, operation.query, operation.variables, actor.headers);
    // Up to twice more, to tell a stall the operation causes from a pause of a busy machine.
    for (let retry = 0; retry < 2 && answer.ms > LIMITS.maxMs; retry++) {
      report.retriedSlow++;
      await new Promise((done) => setTimeout(done, 500));
      answer = await post(url, operation.query, operation.variables, actor.headers);
    }
    const { status, text, ms } = answer;
    tally(report.statuses, String(status));
    report.slowestMs = Math.max(report.slowestMs, ms);
    report.largestBytes = Math.max(report.largestBytes, text.length);
    const fail = (reason: string) =>
      report.failures.push({ reason, actor: actor.name, operation, status, ms, body: text.slice(0, 2_000) });
    let body:
      { data?: unknown; errors?: { message?: string; extensions?: { code?: string; reason?: string } }[] } | undefined;
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      fail('the answer is not JSON');
    }
    const codes = (body?.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');
    codes.forEach((code, i) => {
      tally(report.codes, code);
      report.samples[code] ??= `${operation.field}: ${body?.errors?.[i]?.message ?? ''}`.slice(0, 300);
    });
    if (!codes.length) {
      tally(report.codes, 'OK');
    }
    for (const { extensions } of body?.errors ?? []) {
      const reason = extensions?.reason;
      if (reason !== undefined) {
        tally(report.reasons, reason);
      }
      if (reason === undefined ? REFUSAL_CODES.has(extensions?.code ?? '') : !reasons.has(reason)) {
        fail(
          `a ${extensions?.code} refusal with ${reason === undefined ? 'no reason' : `the undocumented reason ${reason}`}`,
        );
      }
    }
    if (codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('NO_CODE')) {
      fail('internal error');
    }
    if (status >= 500) {
      fail(`HTTP ${status}`);
    }
    if (text.length > LIMITS.maxBytes) {
      fail(`answer of ${text.length} bytes`);
    }
    if (ms > LIMITS.maxMs) {
      const factor = slowdown();
      report.worstSlowdown = Math.max(report.worstSlowdown, factor);
      if (ms <= LIMITS.maxMs * factor) {
        report.slowOnBusyMachine++;
      } else {
        fail(`took ${Math.round(ms)} ms`);
      }
    }
    pool.collect(body?.data);
    sent++;
    if (sent % 1_000 === 0) {
      process.stdout.write(`fuzz: ${sent} of ${runs} sent, ${report.failures.length} failures\n`);
    }
    if (/^(signOut|revokeApiToken)$/.test(operation.field)) {
      actor.renewedAt = 0;
    }
  });
  await fc.assert(property, { numRuns: runs, seed, endOnFailure: true });
  return report;
}

/** A short text for a person reading a run's outcome. */
export function describeReport(report: FuzzReport): string {
  const sorted = (record: Record<string, number>) =>
    Object.entries(record)
      .sort(([, a], [, b]) => b - a)
      .map(([key, count]) => `  ${key.padEnd(28)} ${count}`)
      .join('\n');
  const failures = report.failures
    .slice(0, 20)
    .map(
      (f) =>
        `- ${f.reason} as ${f.actor} (HTTP ${f.status}, ${Math.round(f.ms)} ms)\n  ${f.operation.query}\n  variables: ${JSON.stringify(f.operation.variables).slice(0, 1_000)}\n  answer: ${f.body.slice(0, 500)}`,
    )
    .join('\n');
  return [
    `fuzz: ${report.runs} operations, seed ${report.seed}`,
    `errors by extensions.code (OK = answers without errors):\n${sorted(report.codes)}`,
    `refusals by extensions.reason:\n${sorted(report.reasons)}`,
    `HTTP statuses:\n${sorted(report.statuses)}`,
    `first message by code:\n${Object.entries(report.samples)
      .map(([code, message]) => `  ${code.padEnd(28)} ${message}`)
      .join('\n')}`,
    `slowest ${Math.round(report.slowestMs)} ms (${report.retriedSlow} slow tries sent again, ${report.slowOnBusyMachine} within the limit scaled by the machine's slowdown, at worst ×${report.worstSlowdown.toFixed(1)}), largest ${report.largestBytes} bytes`,
    `${report.failures.length} failures${failures ? `\n${failures}` : ''}`,
  ].join('\n');
}
