import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { Client } from 'pg';
import { DataVersion } from '@app/activity';
import { demoNetworkId } from '@app/networks';
import { countSql } from '@app/testing';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

const CLEVELAND = demoNetworkId('cleveland'); // members not public
const NETWORK = `query ($id: ID!) { network(id: $id) { name members { organisation { name } } } }`;
const COVERAGE = `{ coverage { national { areasWithActiveNetwork } areas { policeForceArea { code } status reasons } } }`;

interface PlanNode {
  readonly 'Relation Name'?: string;
  readonly 'Plan Rows': number;
  readonly Plans?: readonly PlanNode[];
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

interface NetworkAnswer {
  network: { name: string; members: { organisation: { name: string } }[] | null };
}

describe('whole-response cache keyed by the data version', () => {
  let sut: TestApp;
  const as: Record<string, Record<string, string>> = {};
  const ask = async <T>(who: string, document: string, variables?: Record<string, unknown>) =>
    sut.client.request<T>(document, variables, as[who] ?? {});

  beforeAll(async () => {
    sut = await startTestApp();
    const cast = await demoCast(sut);
    for (const key of ['admin', 'coordinator'] as const) {
      as[key] = cast[key];
    }
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('answers a repeated query with one statement (the version) and the same body', async () => {
    const first = await countSql(() => ask('anonymous', COVERAGE));
    const second = await countSql(() => ask('anonymous', COVERAGE));
    expect(first.result.errors).toBeUndefined();
    expect(second.result.data).toEqual(first.result.data);
    expect(first.statements.length).toBeGreaterThan(2);
    expect(second.statements).toHaveLength(1);
    expect(second.statements[0]).toContain('activity_event');
  });

  it('never answers from before a change: the next read after a mutation sees it', async () => {
    const before = await ask<NetworkAnswer>('admin', NETWORK, { id: CLEVELAND });
    expect(before.data?.network.name).not.toContain('renamed');
    const renamed = await ask(
      'admin',
      'mutation ($i: UpdateNetworkInput!) { updateNetwork(input: $i) { network { name } } }',
      {
        i: { networkId: CLEVELAND, name: 'Cleveland network (renamed)' },
      },
    );
    expect(renamed.errors).toBeUndefined();
    const after = await ask<NetworkAnswer>('admin', NETWORK, { id: CLEVELAND });
    expect(after.data?.network.name).toBe('Cleveland network (renamed)');
  });

  it('keeps each actor to their own answers', async () => {
    const admin = await ask<NetworkAnswer>('admin', NETWORK, { id: CLEVELAND });
    const anonymous = await ask<NetworkAnswer>('anonymous', NETWORK, { id: CLEVELAND });
    const coordinator = await ask<NetworkAnswer>('coordinator', NETWORK, { id: CLEVELAND });
    expect(admin.data?.network.members?.length).toBeGreaterThan(0);
    expect(anonymous.data?.network.members).toBeNull();
    expect(coordinator.data?.network.members).toBeNull();
    // And again, now that each is cached.
    expect((await ask<NetworkAnswer>('anonymous', NETWORK, { id: CLEVELAND })).data).toEqual(anonymous.data);
    expect((await ask<NetworkAnswer>('admin', NETWORK, { id: CLEVELAND })).data).toEqual(admin.data);
  });

  it('serves a hit before GraphQL runs: same body and headers, gzip for clients that accept it', async () => {
    const post = (headers: Record<string, string>) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const req = httpRequest(
          sut.graphqlUrl,
          { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
            );
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ query: COVERAGE }));
      });
    const miss = await post({});
    const hit = await countSql(() => post({ 'x-request-id': 'fast-path-1' }));
    const zipped = await post({ 'accept-encoding': 'gzip, deflate' });
    const refused = await post({ 'accept-encoding': 'gzip;q=0, deflate' });
    expect(miss.status).toBe(200);
    expect(hit.result.status).toBe(200);
    expect(hit.result.headers['content-type']).toBe(miss.headers['content-type']);
    expect(hit.result.headers['x-request-id']).toBe('fast-path-1');
    expect(hit.result.body.toString()).toBe(miss.body.toString());
    expect(hit.statements).toHaveLength(1); // the data version; no GraphQL pipeline, no resolvers
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).toString()).toBe(miss.body.toString());
    expect(zipped.body.length).toBeLessThan(miss.body.length / 3);
    expect(refused.headers['content-encoding']).toBeUndefined(); // q=0: gzip is not acceptable
    expect(refused.body.toString()).toBe(miss.body.toString());

    // A signed-in viewer's hits are theirs alone, as through GraphQL.
    const asAdmin = await ask<NetworkAnswer>('admin', NETWORK, { id: CLEVELAND });
    const fast = await ask<NetworkAnswer>('admin', NETWORK, { id: CLEVELAND });
    const anonymous = await ask<NetworkAnswer>('anonymous', NETWORK, { id: CLEVELAND });
    expect(fast.data).toEqual(asAdmin.data);
    expect(anonymous.data?.network.members).toBeNull();
  });

  it('answers from the cache only what GraphQL would answer: a name that is not text is refused as Apollo refuses it', async () => {
    const post = async (body: Record<string, unknown>) => {
      const res = await fetch(sut.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { errors?: { extensions?: { code?: string } }[] } };
    };
    expect((await post({ query: COVERAGE })).status).toBe(200);
    expect((await post({ query: COVERAGE, operationName: null })).status).toBe(200); // cached now
    for (const operationName of [{}, [], 5, true]) {
      const refused = await post({ query: COVERAGE, operationName });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    }
  });

  it('answers a name no operation has, or several operations and no name, as GraphQL does (it was a 500 with the cache on)', async () => {
    for (const body of [
      { query: 'query A { policeForceAreas { code } }', operationName: 'B' },
      { query: 'query A { policeForceAreas { code } }', operationName: '' },
      { query: 'query A { __typename } query B { __typename }' },
    ]) {
      const response = await fetch(sut.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      // 200: an application/json answer to a request GraphQL refuses (GraphQL over HTTP; graphql-response+json gets 400).
      expect([response.status, answer.errors?.[0]?.extensions?.code]).toEqual([200, 'OPERATION_RESOLUTION_FAILURE']);
    }
  });

  it('caches neither errors nor session reads', async () => {
    const missing = { id: '00000000-0000-4000-8000-000000000000' };
    const first = await countSql(() => ask('anonymous', NETWORK, missing));
    const second = await countSql(() => ask('anonymous', NETWORK, missing));
    expect(first.result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(second.result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(second.statements.length).toBe(first.statements.length);
    expect(second.statements.length).toBeGreaterThan(1);

    const me = '{ me { email } }';
    await ask('coordinator', me);
    const again = await countSql(() => ask('coordinator', me));
    expect(again.statements.some((sql) => sql.includes('activity_event'))).toBe(false);
  });

  it('shares one version read among concurrent requests (see fresh-single-flight.spec.ts for freshness)', async () => {
    const version = sut.app.get(DataVersion);
    const together = await countSql(() => Promise.all(Array.from({ length: 20 }, () => version.current())));
    expect(together.statements.length).toBeLessThanOrEqual(2);
    expect(new Set(together.result).size).toBe(1);
  });

  it('expects to read a small part of the activity, also in a generic plan (a report reads the versions in its own statement)', async () => {
    const { select, parameter } = sut.app.get(DataVersion).alongside(1);
    const client = new Client({ connectionString: sut.database.url });
    await client.connect();
    try {
      // A prepared statement's generic plan does not know where the new activity starts: from a
      // bound alone it would expect a third of the table, and take a whole scan of it for a large one.
      await client.query('SET plan_cache_mode = force_generic_plan');
      await client.query(`PREPARE versions_read(bigint) AS SELECT ${select} AS versions`);
      const [{ 'QUERY PLAN': plan }] = (
        await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
          `EXPLAIN (FORMAT JSON) EXECUTE versions_read(${Number(parameter)})`,
        )
      ).rows as [{ 'QUERY PLAN': [{ Plan: PlanNode }] }];
      const scans = nodesOf(plan[0].Plan).filter((node) => node['Relation Name'] === 'activity_event');
      const whole = (
        await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>('EXPLAIN (FORMAT JSON) SELECT * FROM activity_event')
      ).rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'];
      expect(whole).toBeGreaterThanOrEqual(100); // else any part is a few rows
      expect(scans).toHaveLength(1);
      expect(scans[0]?.['Plan Rows']).toBeLessThan((whole ?? 0) / 10);
    } finally {
      await client.end();
    }
  });

  it('keeps the version when nothing new is visible, however other transactions move the snapshot', async () => {
    const version = sut.app.get(DataVersion);
    const elsewhere = new Client({ connectionString: sut.database.url });
    await elsewhere.connect();
    try {
      await elsewhere.query('BEGIN');
      await elsewhere.query('SELECT pg_current_xact_id()'); // an old transaction holds the xmin back
      await ask(
        'admin',
        'mutation { createSpecialism(input: { code: "VERSION_TEST", label: "Version test" }) { specialism { code } } }',
      );
      const held = await version.current();
      await elsewhere.query('COMMIT'); // the xmin moves past the mutation's rows: nothing new is visible
      expect(await version.current()).toBe(held);
    } finally {
      await elsewhere.end();
    }
  });

  it('moves the version when a transaction commits late, behind a newer one', async () => {
    const version = sut.app.get(DataVersion);
    const late = new Client({ connectionString: sut.database.url });
    const early = new Client({ connectionString: sut.database.url });
    await late.connect();
    await early.connect();
    const append = (client: Client) =>
      client.query(
        `INSERT INTO activity_event (tx_id, verb, visibility, payload)
         VALUES ((pg_current_xact_id()::text)::bigint, 'SPECIALISM_CREATED', 'ADMIN', '{}')`,
      );
    try {
      await late.query('BEGIN');
      await append(late); // older transaction, still open: holds the snapshot's xmin back
      const v0 = await version.current();
      await early.query('BEGIN');
      await append(early);
      await early.query('COMMIT'); // newer one commits first: not settled yet, but visible
      const v1 = await version.current();
      await late.query('COMMIT'); // the older one commits last, with a lower tx id
      const v2 = await version.current();
      expect(new Set([v0, v1, v2]).size).toBe(3);
    } finally {
      await late.end();
      await early.end();
    }
  });
});
