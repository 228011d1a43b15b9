import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { DEMO_PASSWORD } from '@app/identity';
import { createTestDatabase, eventually, freePort } from '@app/testing';
import { NEWPORT_CVS } from './support/operation-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/** Starting an app (and stopping it) takes seconds, far longer on a busy machine. */
const APP_TIMEOUT_MS = 120_000;
/** Retries within milliseconds, so that tests wait for conditions, not minutes of backoff. */
const FAST_RETRIES = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_POLL_MS: '50' };

interface Received {
  readonly path: string;
  readonly id: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly status: number;
}

interface WebhookBody {
  type: string;
  timestamp: string;
  data: { sequence: string; cursor: string; verb: string; organisationId: string; payload: Record<string, unknown> };
}

/** A receiver on loopback: answers each request with what `answer` says, and keeps every request. */
class Receiver {
  readonly received: Received[] = [];
  answer: (attempt: number, path: string) => number = () => 204;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    const port = await freePort();
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const path = request.url ?? '';
        const status = this.answer(this.received.length + 1, path);
        this.received.push({ path, id: String(request.headers['webhook-id']), headers: request.headers, body, status });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${port}/hook`;
  }

  get succeeded(): Received[] {
    return this.received.filter((r) => r.status < 300);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret webhookEndpoint { id status secretPrefix scopeKind scopeTarget } }
}`;
const DELIVERIES = `query ($o: ID!, $e: ID!) {
  webhookDeliveries(organisationId: $o, endpointId: $e, first: 50) {
    totalCount
    edges { node { id messageId activitySequence verb status attempts responseStatus latencyMs error nextAttemptAt deliveredAt } }
  }
}`;
const UPDATE_NEWPORT =
  'mutation ($id: ID!, $w: String!) { updateOrganisation(input: { id: $id, website: $w }) { organisation { id } } }';

interface Delivery {
  id: string;
  messageId: string;
  activitySequence: string;
  verb: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  latencyMs: number | null;
  error: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

async function signIn(app: TestApp, who: string): Promise<Record<string, string>> {
  const { signIn: session } = await app.client.data<{ signIn: { accessToken: string } }>(
    'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }',
    { e: `${who}@demo.convene.example`, p: DEMO_PASSWORD },
  );
  return { authorization: `Bearer ${session.accessToken}` };
}

async function createEndpoint(
  app: TestApp,
  headers: Record<string, string>,
  url: string,
): Promise<{ id: string; secret: string }> {
  const { createWebhookEndpoint } = await app.client.data<{
    createWebhookEndpoint: { secret: string; webhookEndpoint: { id: string } };
  }>(
    CREATE,
    { input: { organisationId: NEWPORT_CVS, url, scopeKind: 'ORGANISATION', scopeTarget: NEWPORT_CVS } },
    headers,
  );
  return { id: createWebhookEndpoint.webhookEndpoint.id, secret: createWebhookEndpoint.secret };
}

const deliveriesOf = async (app: TestApp, headers: Record<string, string>, endpointId: string) =>
  (
    await app.client.data<{ webhookDeliveries: { totalCount: number; edges: { node: Delivery }[] } }>(
      DELIVERIES,
      { o: NEWPORT_CVS, e: endpointId },
      headers,
    )
  ).webhookDeliveries;

describe('webhooks: a feed delivered to another system, signed, in order, at least once', () => {
  let sut: TestApp;
  let coordinator: Record<string, string>;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    sut = await startTestApp(FAST_RETRIES);
    coordinator = await signIn(sut, 'coordinator');
  }, APP_TIMEOUT_MS);

  afterAll(async () => {
    await sut?.close();
    await receiver.stop();
  }, APP_TIMEOUT_MS);

  it('delivers every item once and in order to a receiver that fails 3 times first, each signature verified', async () => {
    receiver.answer = (attempt) => (attempt <= 3 ? 500 : 204);
    const endpoint = await createEndpoint(sut, coordinator, receiver.url);
    expect(endpoint.secret).toMatch(/^whsec_/);
    const websites = [1, 2, 3, 4, 5].map((n) => `https://example.org/newport/webhook-${n}`);
    for (const website of websites) {
      await sut.client.data(UPDATE_NEWPORT, { id: NEWPORT_CVS, w: website }, coordinator);
    }
    await eventually(() => (receiver.succeeded.length >= 5 ? true : undefined), { what: 'five successful deliveries' });

    // Each request carries a valid Standard Webhooks signature (the reference library checks it).
    const verifier = new Webhook(endpoint.secret);
    const bodies = receiver.received.map(
      (r) => verifier.verify(r.body, r.headers as Record<string, string>) as WebhookBody,
    );
    // The first item was tried 4 times (3 failures, then success) with one webhook-id; the next waited for it.
    const ids = receiver.received.map((r) => r.id);
    const firstId = ids[0] ?? '';
    expect(ids.slice(0, 4)).toEqual([firstId, firstId, firstId, firstId]);
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 500, 204, 204, 204, 204, 204]);
    expect(new Set(receiver.succeeded.map((r) => r.id)).size).toBe(5);

    // In feed order: exactly the public items of the scope since the endpoint was made.
    const delivered = bodies.slice(3);
    const feed = await sut.client.data<{ activity: { edges: { node: { sequence: string } }[] } }>(
      'query ($s: ActivityScope!) { activity(scope: $s, first: 100) { edges { node { sequence } } } }',
      { s: { kind: 'ORGANISATION', target: NEWPORT_CVS } },
    );
    expect(delivered.map((b) => b.data.sequence)).toEqual(feed.activity.edges.slice(-5).map((e) => e.node.sequence));
    expect(delivered.map((b) => [b.type, b.data.organisationId])).toEqual(
      websites.map(() => ['activity.ORGANISATION_UPDATED', NEWPORT_CVS]),
    );

    // The delivery log says the same, newest first (once the last answer is recorded: the receiver
    // answers before the dispatcher writes down that it did).
    const log = await eventually(
      async () => {
        const current = await deliveriesOf(sut, coordinator, endpoint.id);
        return current.edges.every((e) => e.node.status !== 'PENDING') ? current : undefined;
      },
      { what: 'every delivery recorded' },
    );
    expect(log.totalCount).toBe(5);
    const nodes = log.edges.map((e) => e.node);
    expect(nodes.map((d) => [d.status, d.attempts, d.responseStatus, d.error, d.nextAttemptAt])).toEqual([
      ['SUCCEEDED', 1, 204, null, null],
      ['SUCCEEDED', 1, 204, null, null],
      ['SUCCEEDED', 1, 204, null, null],
      ['SUCCEEDED', 1, 204, null, null],
      ['SUCCEEDED', 4, 204, null, null],
    ]);
    expect(nodes.map((d) => d.messageId).reverse()).toEqual(receiver.succeeded.map((r) => r.id));
    expect(nodes.map((d) => d.activitySequence).reverse()).toEqual(delivered.map((b) => b.data.sequence));
    expect(nodes.every((d) => d.latencyMs !== null && d.latencyMs >= 0 && d.deliveredAt)).toBe(true);

    // A redelivery sends the same message (same webhook-id and body) again.
    const first = nodes.at(-1);
    const before = receiver.received.length;
    const { redeliverWebhook } = await sut.client.data<{ redeliverWebhook: { delivery: { status: string } } }>(
      'mutation ($o: ID!, $d: ID!) { redeliverWebhook(input: { organisationId: $o, deliveryId: $d }) { delivery { status } } }',
      { o: NEWPORT_CVS, d: first?.id },
      coordinator,
    );
    expect(redeliverWebhook.delivery.status).toBe('PENDING');
    const again = await eventually(() => receiver.received[before], { what: 'the redelivery' });
    expect(again.id).toBe(first?.messageId);
    expect(again.body).toBe(receiver.received[3]?.body);
    expect((verifier.verify(again.body, again.headers as Record<string, string>) as WebhookBody).data.sequence).toBe(
      first?.activitySequence,
    );
    await eventually(
      async () =>
        (await deliveriesOf(sut, coordinator, endpoint.id)).edges.at(-1)?.node.attempts === 5 ? true : undefined,
      { what: 'the redelivery in the log' },
    );
  }, 60_000);

  it('signs with the old and the new secret after a rotation, and stops when disabled', async () => {
    receiver.answer = () => 204;
    const endpoint = await createEndpoint(sut, coordinator, receiver.url);
    const { rotateWebhookSecret } = await sut.client.data<{ rotateWebhookSecret: { secret: string } }>(
      'mutation ($o: ID!, $id: ID!) { rotateWebhookSecret(input: { organisationId: $o, id: $id }) { secret } }',
      { o: NEWPORT_CVS, id: endpoint.id },
      coordinator,
    );
    const before = receiver.received.length;
    await sut.client.data(UPDATE_NEWPORT, { id: NEWPORT_CVS, w: 'https://example.org/newport/rotated' }, coordinator);
    // Both endpoints follow Newport CVS: wait for this one's delivery.
    const delivered = await eventually(
      async () => {
        const log = await deliveriesOf(sut, coordinator, endpoint.id);
        const id = log.edges.find((e) => e.node.status === 'SUCCEEDED')?.node.messageId;
        return id ? receiver.received.slice(before).find((r) => r.id === id) : undefined;
      },
      { what: 'a delivery after the rotation' },
    );
    for (const secret of [endpoint.secret, rotateWebhookSecret.secret]) {
      expect(new Webhook(secret).verify(delivered.body, delivered.headers as Record<string, string>)).toBeTruthy();
    }
    expect(String(delivered.headers['webhook-signature']).split(' ')).toHaveLength(2);

    const { updateWebhookEndpoint } = await sut.client.data<{
      updateWebhookEndpoint: { webhookEndpoint: { status: string; disabledReason: string } };
    }>(
      'mutation ($o: ID!, $id: ID!) { updateWebhookEndpoint(input: { organisationId: $o, id: $id, enabled: false }) { webhookEndpoint { status disabledReason } } }',
      { o: NEWPORT_CVS, id: endpoint.id },
      coordinator,
    );
    expect(updateWebhookEndpoint.webhookEndpoint).toEqual({
      status: 'DISABLED',
      disabledReason: 'disabled by an admin',
    });
    await sut.client.data(
      'mutation ($o: ID!, $id: ID!) { deleteWebhookEndpoint(input: { organisationId: $o, id: $id }) { webhookEndpoint { id } } }',
      { o: NEWPORT_CVS, id: endpoint.id },
      coordinator,
    );
    const gone = await sut.client.request(DELIVERIES, { o: NEWPORT_CVS, e: endpoint.id }, coordinator);
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  }, 60_000);

  it('logs a failed connection as a category, never the connection error naming addresses and ports', async () => {
    const closedPort = await freePort(); // nothing listens there
    const endpoint = await createEndpoint(sut, coordinator, `http://127.0.0.1:${closedPort}/hook`);
    try {
      await sut.client.data(
        UPDATE_NEWPORT,
        { id: NEWPORT_CVS, w: 'https://example.org/newport/closed-port' },
        coordinator,
      );
      const failed = await eventually(
        async () => (await deliveriesOf(sut, coordinator, endpoint.id)).edges[0]?.node.error ?? undefined,
        { what: 'a failed delivery in the log' },
      );
      expect(failed).toBe('connection refused');
    } finally {
      await sut.client.data(
        'mutation ($o: ID!, $id: ID!) { deleteWebhookEndpoint(input: { organisationId: $o, id: $id }) { webhookEndpoint { id } } }',
        { o: NEWPORT_CVS, id: endpoint.id },
        coordinator,
      );
    }
  }, 60_000);

  it('refuses bad endpoints with the offending field, and bounds endpoints per organisation', async () => {
    const attempt = (input: Record<string, unknown>, headers = coordinator) =>
      sut.client.request(
        CREATE,
        {
          input: {
            organisationId: NEWPORT_CVS,
            url: receiver.url,
            scopeKind: 'ORGANISATION',
            scopeTarget: NEWPORT_CVS,
            ...input,
          },
        },
        headers,
      );
    const refusals = await Promise.all([
      attempt({ url: 'ftp://example.org/hook' }),
      attempt({ url: 'not a url' }),
      attempt({ scopeKind: 'NATIONAL', scopeTarget: null }),
      attempt({ scopeKind: 'POLICE_FORCE_AREA', scopeTarget: 'nowhere' }),
      attempt({ scopeKind: 'POLICE_FORCE_AREA', scopeTarget: 'E23000099' }),
    ]);
    expect(refusals.map((r) => [r.errors?.[0]?.extensions?.code, r.errors?.[0]?.extensions?.fields])).toEqual([
      ['BAD_USER_INPUT', [{ field: 'input.url', message: 'must be an http or https URL' }]],
      [
        'BAD_USER_INPUT',
        [{ field: 'input.url', message: 'must be an absolute URL such as https://example.org/webhooks' }],
      ],
      ['FORBIDDEN', [{ field: 'input.scopeKind', message: 'only platform admins may follow the national feed' }]],
      [
        'BAD_USER_INPUT',
        [{ field: 'input.scopeTarget', message: 'must be a police force area code such as E23000001' }],
      ],
      // An area that does not exist: reason NOT_FOUND, as for API tokens (one scope check serves both).
      ['BAD_USER_INPUT', [{ field: 'input.scopeTarget', message: 'no police force area E23000099' }]],
    ]);
    expect(refusals[4]?.errors?.[0]?.extensions?.reason).toBe('NOT_FOUND');
    // Platform admins may follow the national feed.
    const admin = await signIn(sut, 'admin');
    const national = await attempt({ scopeKind: 'NATIONAL', scopeTarget: null }, admin);
    expect(national.errors).toBeUndefined();
    let made = 0;
    for (;;) {
      const response = await attempt({ url: `${receiver.url}/${made}` });
      if (response.errors) {
        expect(response.errors[0]?.extensions?.code).toBe('CONFLICT');
        break;
      }
      made++;
    }
    const { webhookEndpoints } = await sut.client.data<{ webhookEndpoints: unknown[] }>(
      'query ($o: ID!) { webhookEndpoints(organisationId: $o) { id } }',
      { o: NEWPORT_CVS },
      coordinator,
    );
    expect(webhookEndpoints).toHaveLength(10);
  });
});

describe('webhooks: an endpoint that keeps failing', () => {
  it(
    'is disabled at the end of the retry window, and its organisation is told in its feed',
    async () => {
      const receiver = new Receiver();
      receiver.answer = () => 503;
      await receiver.start();
      // A three-second window stands for the three days (long enough for several retries on a busy machine).
      const sut = await startTestApp({ ...FAST_RETRIES, WEBHOOK_RETRY_FOR_SECONDS: '3' });
      try {
        const coordinator = await signIn(sut, 'coordinator');
        const endpoint = await createEndpoint(sut, coordinator, receiver.url);
        await sut.client.data(
          UPDATE_NEWPORT,
          { id: NEWPORT_CVS, w: 'https://example.org/newport/failing' },
          coordinator,
        );
        const disabled = await eventually(
          async () => {
            const { webhookEndpoints } = await sut.client.data<{
              webhookEndpoints: { id: string; status: string; disabledReason: string | null }[];
            }>(
              'query ($o: ID!) { webhookEndpoints(organisationId: $o) { id status disabledReason } }',
              { o: NEWPORT_CVS },
              coordinator,
            );
            const found = webhookEndpoints.find((e) => e.id === endpoint.id);
            return found?.status === 'DISABLED' ? found : undefined;
          },
          { what: 'the endpoint disabled' },
        );
        expect(disabled.disabledReason).toMatch(/^deliveries failed since .*: HTTP 503$/);
        const [delivery] = (await deliveriesOf(sut, coordinator, endpoint.id)).edges.map((e) => e.node);
        expect(delivery).toMatchObject({
          status: 'FAILED',
          responseStatus: 503,
          error: 'HTTP 503',
          nextAttemptAt: null,
        });
        expect(delivery?.attempts).toBe(receiver.received.length);
        expect(receiver.received.length).toBeGreaterThan(2);

        // The organisation's people (its admins among them) see why; the public does not.
        const feed =
          'query ($s: ActivityScope!) { activity(scope: $s, first: 100) { edges { node { verb visibility payload } } } }';
        const scope = { kind: 'ORGANISATION', target: NEWPORT_CVS };
        const seen = await eventually(
          async () => {
            const { activity } = await sut.client.data<{
              activity: { edges: { node: { verb: string; visibility: string; payload: Record<string, unknown> } }[] };
            }>(feed, { s: scope }, coordinator);
            return activity.edges.find((e) => e.node.verb === 'WEBHOOK_ENDPOINT_DISABLED')?.node;
          },
          { what: 'WEBHOOK_ENDPOINT_DISABLED in the feed' },
        );
        expect(seen).toMatchObject({
          visibility: 'ORGANISATION',
          payload: { webhookEndpointId: endpoint.id, host: new URL(receiver.url).host, lastError: 'HTTP 503' },
        });
        const { activity: publicFeed } = await sut.client.data<{ activity: { edges: { node: { verb: string } }[] } }>(
          feed,
          {
            s: scope,
          },
        );
        expect(publicFeed.edges.some((e) => e.node.verb.startsWith('WEBHOOK_'))).toBe(false);

        // Nothing more is sent to a disabled endpoint: another endpoint's delivery of a later item is the barrier.
        receiver.answer = (_, path) => (path === '/hook/barrier' ? 204 : 503);
        const attempts = receiver.received.length;
        await createEndpoint(sut, coordinator, `${receiver.url}/barrier`);
        await sut.client.data(UPDATE_NEWPORT, { id: NEWPORT_CVS, w: 'https://example.org/newport/after' }, coordinator);
        await eventually(() => receiver.received.find((r) => r.path === '/hook/barrier'), {
          what: 'the barrier delivery',
        });
        expect(receiver.received.slice(attempts).map((r) => r.path)).toEqual(['/hook/barrier']);
        expect((await deliveriesOf(sut, coordinator, endpoint.id)).totalCount).toBe(1);
      } finally {
        await sut.close();
        await receiver.stop();
      }
    },
    APP_TIMEOUT_MS,
  );
});

describe('webhooks: a restart', () => {
  it(
    'keeps the queue in PostgreSQL: another instance started on the database delivers what is left, in order',
    async () => {
      const receiver = new Receiver();
      receiver.answer = () => 503;
      await receiver.start();
      const database = await createTestDatabase();
      let sut: TestApp | null = await startTestApp(FAST_RETRIES, undefined, database);
      try {
        const first = sut;
        const coordinator = await signIn(first, 'coordinator');
        const endpoint = await createEndpoint(first, coordinator, receiver.url);
        const websites = [1, 2, 3].map((n) => `https://example.org/newport/restart-${n}`);
        for (const website of websites) {
          await first.client.data(UPDATE_NEWPORT, { id: NEWPORT_CVS, w: website }, coordinator);
        }
        await eventually(
          async () => ((await deliveriesOf(first, coordinator, endpoint.id)).totalCount === 3 ? true : undefined),
          { what: 'three queued deliveries' },
        );
        await eventually(() => receiver.received[1], { what: 'two failed attempts' });
        sut = null;
        await first.close();
        const failures = receiver.received.length;

        receiver.answer = () => 204;
        sut = await startTestApp(FAST_RETRIES, undefined, database);
        await eventually(() => (receiver.succeeded.length >= 3 ? true : undefined), {
          what: 'three deliveries after the restart',
        });
        const verifier = new Webhook(endpoint.secret);
        const delivered = receiver.succeeded.map(
          (r) => verifier.verify(r.body, r.headers as Record<string, string>) as WebhookBody,
        );
        expect(receiver.received.slice(0, failures).every((r) => r.id === receiver.received[0]?.id)).toBe(true);
        expect(delivered.map((b) => b.data.payload)).toEqual(
          websites.map(() => expect.objectContaining({ changed: expect.arrayContaining(['website']) as unknown })),
        );
        const sequences = delivered.map((b) => BigInt(b.data.sequence));
        expect([...sequences].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequences);
        expect(new Set(receiver.succeeded.map((r) => r.id)).size).toBe(3);
      } finally {
        await sut?.close();
        await database.drop();
        await receiver.stop();
      }
    },
    APP_TIMEOUT_MS,
  );
});

describe('webhooks: two instances', () => {
  it(
    "deliver one endpoint's items in order and once between them (one holds it at a time)",
    async () => {
      const receiver = new Receiver();
      // Every fourth answer fails: the item waits for its retry while the other instance polls too.
      receiver.answer = (attempt) => (attempt % 4 === 0 ? 500 : 204);
      await receiver.start();
      const database = await createTestDatabase();
      const instances: TestApp[] = [];
      try {
        // One secret, so that a session signed by one instance is good on the other (as behind a load balancer).
        const env = { ...FAST_RETRIES, JWT_SECRET: 'webhooks-two-instances-test-secret-0123456789' };
        instances.push(await startTestApp(env, undefined, database));
        instances.push(await startTestApp(env, undefined, database));
        const [one, two] = instances as [TestApp, TestApp];
        const coordinator = await signIn(one, 'coordinator');
        const endpoint = await createEndpoint(two, coordinator, receiver.url);
        const count = 12;
        for (let n = 1; n <= count; n++) {
          const app = n % 2 ? one : two;
          await app.client.data(
            UPDATE_NEWPORT,
            { id: NEWPORT_CVS, w: `https://example.org/newport/both-${n}` },
            coordinator,
          );
        }
        await eventually(() => (receiver.succeeded.length >= count ? true : undefined), {
          what: `${count} deliveries`,
          timeoutMs: 60_000,
        });
        const verifier = new Webhook(endpoint.secret);
        const sequences = receiver.succeeded.map((r) =>
          BigInt((verifier.verify(r.body, r.headers as Record<string, string>) as WebhookBody).data.sequence),
        );
        expect([...sequences].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequences);
        expect(new Set(sequences).size).toBe(count);
        // A failed item was always retried before the next was sent.
        receiver.received.forEach((r, i) => {
          if (r.status >= 300) {
            expect(receiver.received[i + 1]?.id).toBe(r.id);
          }
        });
      } finally {
        for (const app of instances) {
          await app.close();
        }
        await database.drop();
        await receiver.stop();
      }
    },
    APP_TIMEOUT_MS,
  );
});

describe('webhooks: private addresses', () => {
  it(
    'refuses a loopback or private endpoint without WEBHOOK_ALLOW_PRIVATE, naming the field',
    async () => {
      const sut = await startTestApp();
      try {
        const coordinator = await signIn(sut, 'coordinator');
        const refusals = await Promise.all(
          [
            'http://127.0.0.1:4000/hook',
            'https://127.0.0.1/hook',
            'https://169.254.169.254/latest',
            'https://localhost/',
            'https://hooks.example.org:6379/hook',
            'https://hooks.example.org:8443/hook',
          ].map((url) =>
            sut.client.request(
              CREATE,
              { input: { organisationId: NEWPORT_CVS, url, scopeKind: 'ORGANISATION', scopeTarget: NEWPORT_CVS } },
              coordinator,
            ),
          ),
        );
        expect(refusals.map((r) => r.errors?.[0]?.extensions)).toEqual([
          {
            code: 'BAD_USER_INPUT',
            reason: 'UNSAFE_URL',
            fields: [{ field: 'input.url', message: 'must be an https URL' }],
          },
          {
            code: 'BAD_USER_INPUT',
            reason: 'UNSAFE_URL',
            fields: [{ field: 'input.url', message: 'must not be a private, loopback or link-local address' }],
          },
          {
            code: 'BAD_USER_INPUT',
            reason: 'UNSAFE_URL',
            fields: [{ field: 'input.url', message: 'must not be a private, loopback or link-local address' }],
          },
          {
            code: 'BAD_USER_INPUT',
            reason: 'UNSAFE_URL',
            fields: [{ field: 'input.url', message: 'must name a public host' }],
          },
          // Only the standard HTTPS ports: another port on a public host may be any service.
          {
            code: 'BAD_USER_INPUT',
            reason: 'UNSAFE_URL',
            fields: [{ field: 'input.url', message: 'must use port 443 or 8443 (or none)' }],
          },
          undefined,
        ]);
      } finally {
        await sut.close();
      }
    },
    APP_TIMEOUT_MS,
  );
});
