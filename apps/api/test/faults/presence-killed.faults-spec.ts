import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Client } from 'graphql-ws';
import { eventually, graphqlWsClient, GraphqlHttpClient, LiveSubscription } from '@app/testing';
import { gwentNetwork, MEMBER_GROUP, signIn } from '../support/event-helpers';
import type { TestApp } from '../support/test-app';
import { ApiProcess, cleanUp, FaultPostgres, FaultRedis, report, scratchDir } from './support/fault-harness';

type Update = { positionPresence: { you: string; present: { presenceId: string }[] } };
const PRESENCE = 'subscription ($id: ID!) { positionPresence(positionId: $id) { you present { presenceId } } }';

describe('presence when an instance is killed with SIGKILL', () => {
  const dir = scratchDir('presence-kill');
  const db = new FaultPostgres(join(dir, 'pg'));
  const redis = new FaultRedis();
  let apis: ApiProcess[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    await Promise.all([db.startFromTemplate(), redis.start()]);
    const env = { DATABASE_URL: db.url, REDIS_URL: redis.url };
    apis = await Promise.all([ApiProcess.start(env, join(dir, 'a.log')), ApiProcess.start(env, join(dir, 'b.log'))]);
  });

  afterAll(async () => {
    await Promise.allSettled(clients.map(async (client) => client.dispose()));
    await Promise.all(apis.map((api) => api.stop()));
    await redis.stop();
    await db.stop();
    cleanUp(dir);
  });

  it("drops the killed instance's connections from the survivor's view within 10 s", async () => {
    const [a, b] = apis as [ApiProcess, ApiProcess];
    const asApp = { client: new GraphqlHttpClient(a.graphqlUrl) } as unknown as TestApp;
    const [admin, coordinator, member] = [
      await signIn(asApp, 'admin@demo.convene.example'),
      await signIn(asApp, 'coordinator@demo.convene.example'),
      await signIn(asApp, 'member@demo.convene.example'),
    ];
    const networkId = await gwentNetwork(asApp, coordinator, admin);
    const { createJointPosition } = await asApp.client.data<{ createJointPosition: { position: { id: string } } }>(
      'mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { id } } }',
      {
        input: {
          networkId,
          title: 'Presence when killed (test)',
          audience: 'The Police and Crime Commissioner for Gwent',
          organisationId: MEMBER_GROUP,
          sections: [{ heading: 'One', body: 'Text.' }],
        },
      },
      member,
    );
    const id = createJointPosition.position.id;
    const open = (api: ApiProcess, who: Record<string, string>) => {
      const client = graphqlWsClient(api.graphqlUrl, { authorization: who.authorization ?? '' });
      clients.push(client);
      return new LiveSubscription<Update>(client, PRESENCE, { id });
    };
    const onA = open(a, member);
    const onB = open(b, coordinator);
    const ids = (s: LiveSubscription<Update>) =>
      (s.items.at(-1)?.positionPresence.present ?? []).map((p) => p.presenceId).sort();
    const [me, them] = await Promise.all(
      [onA, onB].map((s) => eventually(() => s.items[0]?.positionPresence.you, { what: 'presence to start' })),
    );
    const both = JSON.stringify([me, them].sort());
    await eventually(() => (JSON.stringify(ids(onA)) === both ? true : undefined), { what: 'both present on A' });

    b.kill('SIGKILL');
    const killedAt = Date.now();
    await eventually(() => (JSON.stringify(ids(onA)) === JSON.stringify([me]) ? true : undefined), {
      timeoutMs: 10_000,
      what: "the killed instance's connection gone from A within 10 s",
    });
    const goneAfterMs = Date.now() - killedAt;
    report('presence after SIGKILL', { goneAfterMs });
    expect(goneAfterMs).toBeLessThan(10_000);
    expect(onA.errors).toEqual([]);
    onA.stop();
  });
});
