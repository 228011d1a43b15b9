import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { eventually, rowCount } from '@app/testing';
import { FIXTURES } from './support/fixtures';
import { NEWPORT_CVS } from './support/operation-fixtures';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

/** Mutations that change no domain state (sessions and credentials) and so append no activity. */
const SESSION_MUTATIONS = [
  'Mutation.signIn',
  'Mutation.refreshSession',
  'Mutation.signOut',
  'Mutation.setPasswordWithToken',
  'Mutation.requestPasswordReset',
  'Mutation.resetPassword',
  'Mutation.changePassword',
  'Mutation.requestEmailChange',
  'Mutation.confirmEmailChange',
];
/** A person's own mail settings and read marks: private to them, not domain state anyone else follows. */
const PERSONAL_SETTINGS = ['Mutation.updateNotificationPreferences', 'Mutation.markNotificationsRead'];
/** Where someone is in an open draft: state of a live connection, gone with it, not domain state. */
const CONNECTION_STATE = ['Mutation.movePresence'];

/** Every mutation once, one after another: legitimately long on a busy machine. */
const SWEEP_TIMEOUT_MS = 300_000;
/** Starting the app (and stopping it) takes seconds, and far longer on a busy machine. */
const APP_TIMEOUT_MS = 120_000;

const FEED = `query ($scope: ActivityScope!, $first: Int, $after: String) {
  activity(scope: $scope, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage }
    edges { cursor node { sequence verb visibility organisationId payload } }
  }
}`;

interface Feed {
  activity: {
    totalCount: number;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    edges: {
      cursor: string;
      node: {
        sequence: string;
        verb: string;
        visibility: string;
        organisationId: string | null;
        payload: { slow?: boolean; code?: string };
      };
    }[];
  };
}

describe('activity: the outbox and its feeds', () => {
  let sut: TestApp;
  const bearer: Record<string, Record<string, string>> = {};
  /** Work a test started that outlives it when it fails or times out: stopped before the next test. */
  let stopping = false;
  let running: Promise<unknown> = Promise.resolve();

  const activityCount = (): Promise<number> => rowCount(sut.database.url, 'activity_event');

  beforeAll(async () => {
    sut = await startTestApp();
    const cast = await demoCast(sut);
    for (const who of ['admin', 'coordinator', 'member'] as const) {
      bearer[who] = cast[who];
    }
  }, APP_TIMEOUT_MS);

  afterEach(async () => {
    stopping = true;
    await running.catch(() => undefined);
    stopping = false;
    running = Promise.resolve();
  }, APP_TIMEOUT_MS);

  afterAll(async () => {
    await sut?.close();
  }, APP_TIMEOUT_MS);

  it(
    'appends activity in every mutation that changes domain state',
    async () => {
      const schema = sut.app.get(GraphQLSchemaHost).schema;
      const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {}).map((f) => `Mutation.${f}`);
      const sweep = async (): Promise<{ failed: unknown[]; silent: string[] }> => {
        const failed: unknown[] = [];
        const silent: string[] = [];
        for (const operation of mutations.filter(
          (m) => ![...SESSION_MUTATIONS, ...CONNECTION_STATE, ...PERSONAL_SETTINGS].includes(m),
        )) {
          if (stopping) {
            break; // the test already ended: leave the database to the next one
          }
          const fixture = FIXTURES[operation];
          if (!fixture) {
            throw new Error(`${operation} has no fixture in support/operation-fixtures.ts`);
          }
          const variables = await fixture.variables(sut, 'admin');
          const before = await activityCount();
          const response = await sut.client.request(fixture.document, variables, bearer.admin);
          if (response.errors) {
            failed.push({ operation, errors: response.errors });
          }
          if ((await activityCount()) <= before) {
            silent.push(operation);
          }
        }
        return { failed, silent };
      };
      const done = sweep();
      running = done;
      expect(await done).toEqual({ failed: [], silent: [] });
    },
    SWEEP_TIMEOUT_MS,
  );

  it('appends nothing for a mutation that fails inside its transaction', async () => {
    const create =
      'mutation ($c: String!) { createSpecialism(input: { code: $c, label: "Twice" }) { specialism { code } } }';
    expect((await sut.client.request(create, { c: 'TWICE_CREATED' }, bearer.admin)).errors).toBeUndefined();
    const before = await activityCount();
    const again = await sut.client.request(create, { c: 'TWICE_CREATED' }, bearer.admin);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await activityCount()).toBe(before);
  });

  it('pages through a feed with cursors: in order, no duplicates, nothing missed', async () => {
    const total = await activityCount();
    const readAll = async (first: number, headers: Record<string, string> = {}) => {
      const items: Feed['activity']['edges'][number]['node'][] = [];
      let after: string | null = null;
      do {
        const feed: Feed = await sut.client.data<Feed>(FEED, { scope: { kind: 'NATIONAL' }, first, after }, headers);
        const page: Feed['activity'] = feed.activity;
        items.push(...page.edges.map((e) => e.node));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      return items;
    };
    // An admin sees everything once it has settled: a transaction open anywhere on the server
    // (another test's database, on a busy machine) holds items back until it ends.
    const adminFeed = await eventually(
      async () => {
        const feed = await readAll(100, bearer.admin);
        return feed.length === total ? feed : undefined;
      },
      { what: `the admin feed to hold all ${total} items` },
    );
    // Anonymous readers get only PUBLIC items, paged small.
    const seen = (await readAll(3)).map((n) => n.sequence);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(adminFeed.filter((n) => n.visibility === 'PUBLIC').map((n) => n.sequence));
  });

  it("shows an organisation's own items to its people only", async () => {
    const scope = { kind: 'ORGANISATION', target: NEWPORT_CVS };
    const coordinator = await sut.client.request<Feed>(FEED, { scope, first: 100 }, bearer.coordinator);
    const member = await sut.client.request<Feed>(FEED, { scope, first: 100 }, bearer.member);
    const anonymous = await sut.client.request<Feed>(FEED, { scope, first: 100 });
    const visibilities = (feed: typeof coordinator) => new Set(feed.data?.activity.edges.map((e) => e.node.visibility));
    expect(visibilities(coordinator).has('ORGANISATION')).toBe(true);
    expect(visibilities(member).has('ORGANISATION')).toBe(false);
    expect(visibilities(anonymous).has('ORGANISATION')).toBe(false);
    expect(coordinator.data?.activity.edges.every((e) => e.node.organisationId === NEWPORT_CVS)).toBe(true);
  });

  it('never hands out an item of a transaction still running, so a late commit cannot fall behind a cursor', async () => {
    // Hold a transaction open that has appended an item (as a slow mutation would).
    const { Client } = await import('pg');
    const slow = new Client({ connectionString: sut.database.url });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(
        `INSERT INTO activity_event (tx_id, verb, visibility, actor_person_id, payload)
         VALUES ((pg_current_xact_id()::text)::bigint, 'SPECIALISM_CREATED', 'PUBLIC', NULL, '{"slow":true}')`,
      );
      // Meanwhile another mutation commits an item with a higher sequence.
      await sut.client.request(
        'mutation { createSpecialism(input: { code: "LATER_ONE", label: "Later" }) { specialism { code } } }',
        undefined,
        bearer.admin,
      );
      const during = await sut.client.data<Feed>(FEED, { scope: { kind: 'NATIONAL' }, first: 100 });
      const last = during.activity.pageInfo.endCursor;
      const sequences = during.activity.edges.map((e) => e.node.sequence);
      await slow.query('COMMIT');
      // Both items arrive after the cursor, in commit-safe order; nothing is skipped. (They settle once
      // every older transaction of the cluster has ended: other test files' work may delay that a little.)
      const wanted = (feed: Feed): string[] =>
        feed.activity.edges
          .map((e) => (e.node.payload.slow ? 'slow' : e.node.payload.code))
          .filter((mark): mark is string => mark === 'slow' || mark === 'LATER_ONE');
      const afterwards = await eventually(
        async () => {
          const feed = await sut.client.data<Feed>(FEED, { scope: { kind: 'NATIONAL' }, first: 100, after: last });
          return wanted(feed).length >= 2 ? feed : undefined;
        },
        { what: 'both items after the cursor' },
      );
      // Held back while the older transaction ran, then both, in transaction order, after the cursor.
      expect(wanted(during)).toEqual([]);
      expect(wanted(afterwards)).toEqual(['slow', 'LATER_ONE']);
      expect(afterwards.activity.edges.every((e) => !sequences.includes(e.node.sequence))).toBe(true);
    } finally {
      await slow.end();
    }
  }, 60_000); // waits on other files' transactions (see above)
});
