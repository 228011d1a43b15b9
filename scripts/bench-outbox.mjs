// What the activity outbox costs writes (the budget: at most 25 %), measured two ways: in PostgreSQL
// itself (the transactions alone, where its share is largest) and through the API.
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import pg from 'pg';

// The app's own coalescing of wake-ups (built code), so the benchmark sends NOTIFY as the app does.
const { coalesced, WAKEUP_COOL_DOWN_MS } = createRequire(import.meta.url)('../dist/libs/activity/src/live/wakeups.js');
// Invitations are emailed, not shown to the inviter: the benchmark derives their tokens as the mailer does.
const { linkToken } = createRequire(import.meta.url)('../dist/libs/identity/src/account/account-mail.js');
const BENCH_SECRET = 'bench-only-secret-bench-only-secret-0123456789';

const range = (values) =>
  Math.min(...values) === Math.max(...values) ? `${values[0]}` : `${Math.min(...values)}–${Math.max(...values)}`;
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
/** Cost from the means, and its range over rounds (each round's with and without ran back to back). */
const cost = (without, withOutbox) =>
  `${Math.round((1 - mean(withOutbox) / mean(without)) * 100)} % (${range(without.map((w, i) => Math.round((1 - withOutbox[i] / w) * 100)))})`;

/**
 * Two transactions: a bare one-row update (the worst case for the outbox's share), and the
 * statements updateOrganisation runs; each without, with only the activity INSERT, with only the
 * wake-ups (NOTIFY after commit on a connection of its own, as the recorder does through its pool),
 * and with both (the outbox). 8 clients, each updating its own organisation.
 */
export async function outboxCost(url, { seconds, rounds }) {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  const ids = (await setup.query('SELECT id FROM organisation ORDER BY id LIMIT 8')).rows.map((r) => r.id);
  await setup.end();
  const shapes = {
    'one-row update': async (c, id) => {
      await c.query('UPDATE organisation SET updated_at = now() WHERE id = $1', [id]);
    },
    "updateOrganisation's statements": async (c, id) => {
      await c.query('SELECT * FROM organisation WHERE id = $1 FOR UPDATE', [id]);
      await c.query('SELECT * FROM organisation_local_authority WHERE organisation_id = $1', [id]);
      await c.query('UPDATE organisation SET website = $2, updated_at = now() WHERE id = $1', [
        id,
        'https://example.org',
      ]);
      await c.query('SELECT * FROM organisation WHERE id = $1', [id]);
    },
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return c;
  };
  const run = async (work, { insert, notify }) => {
    const clients = await Promise.all(ids.map(connect));
    const notifier = await connect();
    const wake = coalesced(async () => {
      await notifier.query("SELECT pg_notify('convene_activity', '')");
    }, WAKEUP_COOL_DOWN_MS);
    let transactions = 0;
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      clients.map(async (c, i) => {
        while (Date.now() < until) {
          await c.query('BEGIN');
          await work(c, ids[i]);
          if (insert) {
            await c.query(
              `INSERT INTO activity_event (tx_id, verb, visibility, actor_person_id, organisation_id, payload)
               VALUES ((pg_current_xact_id()::text)::bigint, 'ORGANISATION_UPDATED', 'PUBLIC', NULL, $1, '{"bench":true}')`,
              [ids[i]],
            );
          }
          await c.query('COMMIT');
          if (notify) {
            void wake();
          }
          transactions++;
        }
      }),
    );
    await wake();
    await Promise.all([...clients, notifier].map((c) => c.end()));
    return Math.round(transactions / seconds);
  };
  const variants = {
    without: {},
    insert: { insert: true },
    notify: { notify: true },
    outbox: { insert: true, notify: true },
  };
  let table = '';
  for (const [name, work] of Object.entries(shapes)) {
    const r = { without: [], insert: [], notify: [], outbox: [] };
    for (let round = 0; round < rounds; round++) {
      for (const [variant, options] of Object.entries(variants)) {
        r[variant].push(await run(work, options));
      }
    }
    table += `| ${name} | ${range(r.without)} | ${range(r.insert)} | ${range(r.notify)} | ${range(r.outbox)} | ${cost(r.without, r.outbox)} |\n`;
    console.log(table.trim().split('\n').at(-1));
  }
  return table;
}

async function graphql(base, query, variables, token) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) {
    throw new Error(`bench setup: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

/** One ORG_ADMIN per organisation (invited by the platform admin), so writers do not share a row lock. */
async function orgAdmins(base, count, tag) {
  const admin = await graphql(base, 'mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }', {
    i: { email: 'admin@demo.convene.example', password: 'convene-demo-2026' },
  });
  const page = await graphql(base, `{ organisations(first: ${count}) { edges { node { id } } } }`);
  return Promise.all(
    page.organisations.edges.map(async ({ node }, i) => {
      const invited = await graphql(
        base,
        'mutation($i: InviteToOrganisationInput!) { inviteToOrganisation(input: $i) { invitation { id } } }',
        { i: { organisationId: node.id, email: `bench-${tag}-${i}@example.org`, role: 'ORG_ADMIN' } },
        admin.signIn.accessToken,
      );
      const accepted = await graphql(
        base,
        'mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { session { accessToken } } }',
        {
          i: {
            token: linkToken(BENCH_SECRET, 'invitation', invited.inviteToOrganisation.invitation.id),
            displayName: `Bench ${i}`,
            password: 'bench-password-1234',
          },
        },
      );
      return { id: node.id, token: accepted.acceptInvitation.session.accessToken };
    }),
  );
}

/**
 * updateOrganisation through the API, by each organisation's own admin (8 connections, one
 * organisation each), on a server with the outbox and on one started with the bench-only
 * BENCH_ONLY_SKIP_ACTIVITY_OUTBOX (same code path, no activity row and no wake-up).
 */
export async function apiWriteCost({ startServer, untilReady, stop, seconds, rounds }) {
  const mutation =
    'mutation($i: UpdateOrganisationInput!) { updateOrganisation(input: $i) { organisation { id website updatedAt } } }';
  const measure = async (skipOutbox, tag) => {
    const server = startServer({
      JWT_SECRET: BENCH_SECRET,
      ...(skipOutbox ? { BENCH_ONLY_SKIP_ACTIVITY_OUTBOX: 'true' } : {}),
    });
    await untilReady(server);
    try {
      const admins = await orgAdmins(server.base, 8, tag);
      let next = 0;
      const load = (duration) =>
        autocannon({
          url: `${server.base}/graphql`,
          method: 'POST',
          connections: admins.length,
          duration,
          setupClient: (client) => {
            const { id, token } = admins[next++ % admins.length];
            client.setHeadersAndBody(
              { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              JSON.stringify({ query: mutation, variables: { i: { id, website: 'https://example.org/bench' } } }),
            );
          },
        });
      await load(3); // warm-up (discarded)
      const r = await load(seconds);
      if (r.non2xx || r.errors) {
        throw new Error(`updateOrganisation: ${r.non2xx} non-2xx, ${r.errors} errors`);
      }
      return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99 };
    } finally {
      await stop(server);
    }
  };
  const r = { with: [], without: [] };
  for (let round = 0; round < rounds; round++) {
    r.without.push(await measure(true, `${Date.now()}-without`));
    r.with.push(await measure(false, `${Date.now()}-with`));
    console.log(`updateOrganisation round ${round + 1}:`, r.without.at(-1), r.with.at(-1));
  }
  const of = (key, variant) => range(r[variant].map((x) => x[key]));
  return (
    `| updateOrganisation over HTTP | ${of('rps', 'without')} | ${of('rps', 'with')} | ${cost(
      r.without.map((x) => x.rps),
      r.with.map((x) => x.rps),
    )} |` + ` ${of('p50', 'without')} / ${of('p99', 'without')} | ${of('p50', 'with')} / ${of('p99', 'with')} |\n`
  );
}
