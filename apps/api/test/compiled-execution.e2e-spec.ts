import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { GraphQLModule } from '@nestjs/graphql';
import { completedLists } from '../src/graphql/completed-lists';
import { KnownOperations } from '../src/graphql/known-operations';
import { GWENT, localIn, NEWPORT_CVS } from './support/event-helpers';
import { demoCast, type Headers } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

// The read queries of the benchmarks (scripts/bench-networks.mjs, bench-peers-queries.mjs).
const COVERAGE_QUERY = `{
  coverage {
    national { areaCount areasWithActiveNetwork population populationReached populationReachedShare red amber green }
    areas {
      policeForceArea { code displayName }
      status reasons activeNetworkCount openNetworkCount memberOrganisationCount
      localAuthoritiesReached localAuthoritiesTotal population populationReached populationReachedShare
      lastActivityAt daysSinceLastActivity
      convenors { id name }
      specialismsPresent { code label }
      prioritySpecialismsMissing { code label }
    }
    bySpecialism { specialism { code label } areaCount }
  }
}`;
const networkQuery = (id: string): string => `{
  network(id: "${id}") {
    id name purpose status statusSince membersPublic memberCount
    policeForceArea { code displayName }
    convenors { organisation { id name } }
    members { id role status joinedAt organisation { id name kind } }
  }
}`;

interface Answer {
  errors?: { extensions?: { code?: string } }[];
}
const codeOf = (seen: { body: string }): string | undefined =>
  (JSON.parse(seen.body) as Answer).errors?.[0]?.extensions?.code;

/** The answer as a client reads it: status, content type and the body's text. */
async function answer(app: TestApp, body: object, headers: Headers = {}) {
  const response = await fetch(app.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

/**
 * The same requests to two instances on one database, one running queries on graphql-js and one
 * compiled (graphql-jit, compiled at their first run here): the answers must be the same bytes,
 * data and errors alike (codes, paths, masking).
 */
describe('compiled queries answer as graphql-js does', () => {
  let interpreted: TestApp;
  let compiled: TestApp;
  let as: Headers;
  let networkId: string;

  beforeAll(async () => {
    // One signing secret, so that a sign-in holds on both; no response cache, so that every answer is executed.
    const both = { RESPONSE_CACHE_MB: '0', JWT_SECRET: randomBytes(48).toString('base64') };
    interpreted = await startTestApp({ ...both, GRAPHQL_COMPILED_EXECUTION: 'false' });
    compiled = await startTestApp({ ...both, GRAPHQL_COMPILE_AFTER: '0' }, undefined, interpreted.database);
    as = (await demoCast(interpreted)).admin;
    const networks = await interpreted.client.request<{ networks: { edges: { node: { id: string } }[] } }>(
      '{ networks(first: 1) { edges { node { id } } } }',
    );
    networkId = networks.data?.networks.edges[0]?.node.id ?? '';
    expect(networkId).not.toBe('');
  });

  afterAll(async () => {
    await compiled?.close();
    await interpreted?.close();
  });

  it('runs queries compiled on one instance and on graphql-js on the other', () => {
    type Apollo = { instance?: { internals?: object } };
    const executorOf = (app: TestApp): unknown =>
      (app.app.get(GraphQLModule, { strict: false }).graphQlAdapter as Apollo).instance?.internals;
    expect(executorOf(compiled)).toHaveProperty('gatewayExecutor', expect.any(Function));
    expect(executorOf(interpreted)).toHaveProperty('gatewayExecutor', null);
  });

  const same = async (body: object, headers?: Headers) => {
    const expected = await answer(interpreted, body, headers);
    const seen = await answer(compiled, body, headers);
    expect({ body, seen }).toEqual({ body, seen: expected });
    return seen;
  };

  it('reads areas, networks, organisations, coverage and events the same, signed out and signed in', async () => {
    const queries = [
      '{ policeForceAreas { code displayName localAuthorities { code name population } } }',
      `{ network(id: "${networkId}") { id name members { id role organisation { id name kind } } } }`,
      networkQuery(networkId),
      '{ organisations(first: 100) { totalCount edges { cursor node { id name kind localAuthorities { code name } } } pageInfo { hasNextPage endCursor } } }',
      COVERAGE_QUERY,
      `{ events(first: 20) { totalCount edges { node { id title kind startsAt endsAt timeZone recurrenceRule status visibility
          occurrences(from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z") { originalStart startsAt endsAt cancelled moved } } } } }`,
      '{ me { id displayName } __typename }',
    ];
    for (const query of queries) {
      const signedOut = await same({ query });
      expect(signedOut.status).toBe(200);
      const signedIn = await same({ query }, as);
      expect(codeOf(signedIn)).toBeUndefined();
    }
  });

  it('takes variables the same, and refuses bad ones the same (BAD_USER_INPUT, 400)', async () => {
    const query =
      'query Org($first: Int, $after: String, $id: ID!) { organisations(first: $first, after: $after) { edges { node { id name } } } network(id: $id) { name } }';
    await same({ query, variables: { first: 3, id: networkId } });
    await same({ query, operationName: 'Org', variables: { first: 2, after: null, id: networkId } });
    const refused = await same({ query, variables: { first: 'three', id: networkId } });
    expect(refused.status).toBe(400);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    await same({ query, variables: { first: 1 } });
    await same({
      query: 'query ($d: LocalDate!) { policeForceArea(code: "W15000001") { governanceOn(date: $d) { type } } }',
      variables: { d: '2024-13-45' },
    });
  });

  it('refuses the same: unknown ids, forbidden reads, errors in nested fields, with their codes and paths', async () => {
    const unknown = await same({ query: `{ network(id: "${randomUUID()}") { id } }` });
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    await same({ query: `{ a: network(id: "${networkId}") { name } b: network(id: "${randomUUID()}") { name } }` });
    await same({ query: '{ apiTokens(organisationId: "00000000-0000-4000-8000-000000000000") { id } }' });
    await same({ query: '{ notifications(first: 2) { edges { node { id } } } }' });
    await same({ query: '{ notifications(first: 2) { edges { node { id } } } }' }, as);
  });

  it('answers introspection, __typename, aliases, fragments and directives the same', async () => {
    await same({ query: '{ __schema { queryType { name } types { name kind } } }' });
    await same({
      query: `query Q($full: Boolean!) { first: policeForceAreas { ...Area } again: policeForceAreas { code @include(if: $full) __typename } }
              fragment Area on PoliceForceArea { code displayName @skip(if: $full) }`,
      variables: { full: true },
    });
  });

  it('answers a query it answered before without Apollo: the same bytes, per caller; anything else, and errors, through Apollo', async () => {
    const known = compiled.app.get(KnownOperations, { strict: false });
    const served = async (run: () => Promise<unknown>): Promise<number> => {
      const before = known.served;
      await run();
      return known.served - before;
    };
    // Learned signed out (no errors: `me` is null), then answered for whoever asks.
    const me = `{ me { id displayName } __typename }`;
    await same({ query: me });
    expect(await served(() => same({ query: me }, as))).toBe(1);
    expect(await served(() => same({ query: me }))).toBe(1);
    expect(await served(() => same({ query: me }, { accept: 'application/json' }))).toBe(1);

    const query = 'query Page($first: Int) { organisations(first: $first) { edges { node { id name } } } }';
    await same({ query, variables: { first: 2 } });
    expect(await served(() => same({ query, variables: { first: 3 } }))).toBe(1);
    // A run with errors is Apollo's to answer (BAD_USER_INPUT, 400; NOT_FOUND), with the fast lane's result.
    const refused = await same({ query, variables: { first: 'three' } });
    expect([refused.status, codeOf(refused)]).toEqual([400, 'BAD_USER_INPUT']);
    expect(await served(() => same({ query, variables: { first: 3 } }))).toBe(1);
    const byId = 'query One($id: ID!) { network(id: $id) { id name } }';
    await same({ query: byId, variables: { id: networkId } });
    const missing = await same({ query: byId, variables: { id: randomUUID() } });
    expect([missing.status, codeOf(missing)]).toEqual([200, 'NOT_FOUND']);
    expect(await served(() => same({ query: byId, variables: { id: networkId } }))).toBe(1);

    // An answer with text beyond ASCII (a specialism's en dash) is written in pieces from the next one on.
    await same({ query: COVERAGE_QUERY }, as);
    for (let run = 0; run < 2; run++) {
      let seen = { body: '' };
      expect(await served(async () => (seen = await same({ query: COVERAGE_QUERY }, as)))).toBe(1);
      expect(Buffer.byteLength(seen.body)).toBeGreaterThan(seen.body.length);
    }

    // Not for the fast lane: another operation name, an Accept Apollo refuses (406), extensions, a
    // simple content type (Apollo's CSRF refusal), a batch.
    expect(await served(() => same({ query, operationName: 'Page', variables: { first: 1 } }))).toBe(0);
    expect(await served(() => same({ query, variables: { first: 1 } }, { accept: 'text/html' }))).toBe(0);
    expect(await served(() => same({ query, extensions: { persistedQuery: { version: 1 } } }))).toBe(0);
    const asText = async (app: TestApp) => {
      const response = await fetch(app.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query }),
      });
      return { status: response.status, body: await response.text() };
    };
    expect(await served(async () => expect(await asText(compiled)).toEqual(await asText(interpreted)))).toBe(0);
    expect(await served(() => same([{ query }]))).toBe(0);

    // A document Apollo refuses is never learned: every request gets Apollo's refusal.
    const invalid = '{ organisations(first: 1) { edges { node { id nope } } } }';
    for (let run = 0; run < 3; run++) {
      expect(await served(() => same({ query: invalid }))).toBe(0);
    }
  });

  it("sends an unchanged series' occurrences as completed before, and a moved series or a cancelled occurrence in the next answer", async () => {
    const { coordinator } = await demoCast(interpreted);
    const created = await interpreted.client.data<{ createEvent: { event: { id: string } } }>(
      'mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id } } }',
      {
        input: {
          organiserOrganisationId: NEWPORT_CVS,
          policeForceAreaCode: GWENT,
          kind: 'PCC_ENGAGEMENT',
          title: 'Weekly surgery (completed lists test)',
          start: localIn(3, 10, 0),
          end: localIn(3, 11, 0),
          recurrenceRule: 'FREQ=WEEKLY;COUNT=8',
          visibility: 'PUBLIC',
        },
      },
      coordinator,
    );
    const id = created.createEvent.event.id;
    const { from, to } = { from: new Date().toISOString(), to: new Date(Date.now() + 91 * 86_400_000).toISOString() };
    const query = `{ event(id: "${id}") { id occurrences(from: "${from}", to: "${to}") { originalStart startsAt endsAt cancelled moved } }
      events(first: 50) { edges { node { id occurrences(from: "${from}", to: "${to}") { startsAt cancelled } } } } }`;
    type Seen = { data: { event: { occurrences: { originalStart: string; startsAt: string; cancelled: boolean }[] } } };
    const read = async (): Promise<{ seen: Seen; kept: number }> => {
      const before = completedLists.served;
      const seen = await same({ query }, coordinator);
      return { seen: JSON.parse(seen.body) as Seen, kept: completedLists.served - before };
    };
    const first = await read();
    expect(first.seen.data.event.occurrences).toHaveLength(8);
    expect((await read()).kept).toBeGreaterThanOrEqual(2); // the event's list and its place on the page

    const moved = await interpreted.client.request(
      'mutation ($input: RescheduleEventInput!) { rescheduleEvent(input: $input) { event { id } } }',
      {
        input: { eventId: id, start: localIn(4, 12, 0), end: localIn(4, 13, 0), recurrenceRule: 'FREQ=WEEKLY;COUNT=8' },
      },
      coordinator,
    );
    expect(moved.errors).toBeUndefined();
    const afterMove = await read();
    expect(afterMove.seen.data.event.occurrences[0].startsAt).not.toBe(first.seen.data.event.occurrences[0].startsAt);
    expect((await read()).kept).toBeGreaterThanOrEqual(2);

    const second = afterMove.seen.data.event.occurrences[1].originalStart;
    const cancelled = await interpreted.client.request(
      'mutation ($input: ChangeOccurrenceInput!) { changeEventOccurrence(input: $input) { event { id } } }',
      { input: { eventId: id, occurrenceStart: second, cancel: true, reason: 'Room closed' } },
      coordinator,
    );
    expect(cancelled.errors).toBeUndefined();
    for (let run = 0; run < 2; run++) {
      const afterCancel = await read();
      expect(afterCancel.seen.data.event.occurrences.map((o) => o.cancelled)).toEqual([
        false,
        true,
        false,
        false,
        false,
        false,
        false,
        false,
      ]);
    }
  });

  it("sends coverage's lists of specialisms as completed before, and changed priorities in the next answer", async () => {
    const query = `{ coverage { areas { policeForceArea { code } specialismsPresent { code label }
      prioritySpecialismsMissing { code label } } bySpecialism { specialism { code label } areaCount } } }`;
    type Seen = { data: { coverage: { areas: { prioritySpecialismsMissing: { code: string }[] }[] } } };
    const read = async (): Promise<{ seen: Seen; kept: number }> => {
      const before = completedLists.served;
      const seen = await same({ query }, as);
      return { seen: JSON.parse(seen.body) as Seen, kept: completedLists.served - before };
    };
    const missing = (seen: Seen): string[] =>
      [...new Set(seen.data.coverage.areas.flatMap((a) => a.prioritySpecialismsMissing.map((s) => s.code)))].sort();
    const setPriorities = async (codes: string[]): Promise<void> => {
      const set = await interpreted.client.request(
        'mutation ($codes: [String!]!) { setCoveragePriorities(input: { specialisms: $codes }) { priorities { code } } }',
        { codes },
        as,
      );
      expect(set.errors).toBeUndefined();
    };
    const { seen: first } = await read();
    const shown = missing(first);
    expect(shown.length).toBeGreaterThan(1);
    const listed = await interpreted.client.request<{ coveragePriorities: { code: string }[] }>(
      '{ coveragePriorities { code } }',
    );
    const priorities = listed.data?.coveragePriorities.map((p) => p.code) ?? [];
    expect([...priorities].sort()).toEqual(shown);
    // Every area's two lists (43 areas): most areas show the same ones, completed once for all.
    expect((await read()).kept).toBeGreaterThanOrEqual(43);
    try {
      await setPriorities(['WOMEN']);
      for (let run = 0; run < 2; run++) {
        expect(missing((await read()).seen)).toEqual(['WOMEN']);
      }
    } finally {
      await setPriorities(priorities);
    }
    expect(missing((await read()).seen)).toEqual(shown);
  });

  it('never compiles a literal spelling a graphql-jit marker (it would run as code): answers as graphql-js, runs none of it', async () => {
    const owned = (globalThis as { owned?: unknown }).owned;
    const marker = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d';
    for (const query of [
      `{ organisations(first: 1, after: "${marker}(globalThis.owned = process.pid, 0)") { totalCount } }`,
      `{ organisations(first: 1, after: "\\u005F_${marker.slice(2)}(globalThis.owned = 1, 0)") { totalCount } }`,
    ]) {
      for (let run = 0; run < 3; run++) {
        await same({ query });
      }
    }
    expect((globalThis as { owned?: unknown }).owned).toBe(owned);
  });
});
