import { eventually } from '@app/testing';
import { type Fixture, NEWPORT_CVS, setUp, unique } from './operation-fixtures';
import { demoCast } from './sign-in';
import type { TestApp } from './test-app';

const KEPT = 'Fixture';
const TO_DELETE = 'Fixture to delete';
const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { webhookEndpoint { id } }
}`;

/** A public host: nothing answers there on a test machine, so its deliveries stay pending (and retried). */
const hookUrl = (): string => `https://hooks.example.org/convene/${unique()}`;

/** Newport CVS's endpoint with this description, made once (endpoints per organisation are few). */
async function newportEndpoint(app: TestApp, description: string): Promise<string> {
  const { webhookEndpoints } = await app.client.data<{ webhookEndpoints: { id: string; description: string }[] }>(
    'query ($id: ID!) { webhookEndpoints(organisationId: $id) { id description } }',
    { id: NEWPORT_CVS },
    (await demoCast(app)).coordinator,
  );
  return (
    webhookEndpoints.find((e) => e.description === description)?.id ??
    setUp(
      app,
      'coordinator',
      CREATE,
      {
        input: {
          organisationId: NEWPORT_CVS,
          url: hookUrl(),
          description,
          scopeKind: 'ORGANISATION',
          scopeTarget: NEWPORT_CVS,
        },
      },
      ['createWebhookEndpoint', 'webhookEndpoint', 'id'],
    )
  );
}

/** A delivery of the kept endpoint: a public change of Newport CVS, queued within a poll. */
async function newportDelivery(app: TestApp): Promise<string> {
  const endpointId = await newportEndpoint(app, KEPT);
  const deliveries = async (): Promise<string | undefined> => {
    const { webhookDeliveries } = await app.client.data<{ webhookDeliveries: { edges: { node: { id: string } }[] } }>(
      'query ($o: ID!, $e: ID!) { webhookDeliveries(organisationId: $o, endpointId: $e, first: 1) { edges { node { id } } } }',
      { o: NEWPORT_CVS, e: endpointId },
      (await demoCast(app)).coordinator,
    );
    return webhookDeliveries.edges[0]?.node.id;
  };
  const existing = await deliveries();
  if (existing) {
    return existing;
  }
  await setUp(
    app,
    'coordinator',
    'mutation ($id: ID!, $w: String!) { updateOrganisation(input: { id: $id, website: $w }) { organisation { id } } }',
    { id: NEWPORT_CVS, w: `https://example.org/newport/${unique().toLowerCase()}` },
    ['updateOrganisation', 'organisation', 'id'],
  );
  return eventually(deliveries, { what: 'a queued webhook delivery' });
}

export const WEBHOOK_FIXTURES: Record<string, Fixture> = {
  'Query.webhookEndpoints': {
    document: 'query ($organisationId: ID!) { webhookEndpoints(organisationId: $organisationId) { id url status } }',
    variables: () => ({ organisationId: NEWPORT_CVS }),
  },
  'Query.webhookDeliveries': {
    document: `query ($organisationId: ID!, $endpointId: ID!) {
      webhookDeliveries(organisationId: $organisationId, endpointId: $endpointId) { totalCount edges { node { id status } } }
    }`,
    variables: async (app) => ({ organisationId: NEWPORT_CVS, endpointId: await newportEndpoint(app, KEPT) }),
  },
  'Mutation.createWebhookEndpoint': {
    document: `mutation ($organisationId: ID!, $url: String!, $scopeTarget: String) {
      createWebhookEndpoint(input: { organisationId: $organisationId, url: $url, scopeKind: ORGANISATION, scopeTarget: $scopeTarget }) {
        webhookEndpoint { id } secret
      }
    }`,
    variables: () => ({ organisationId: NEWPORT_CVS, url: hookUrl(), scopeTarget: NEWPORT_CVS }),
  },
  'Mutation.updateWebhookEndpoint': {
    document: `mutation ($organisationId: ID!, $id: ID!, $url: String!) {
      updateWebhookEndpoint(input: { organisationId: $organisationId, id: $id, url: $url }) { webhookEndpoint { id } }
    }`,
    variables: async (app) => ({
      organisationId: NEWPORT_CVS,
      id: await newportEndpoint(app, KEPT),
      url: hookUrl(),
    }),
  },
  'Mutation.deleteWebhookEndpoint': {
    document: `mutation ($organisationId: ID!, $id: ID!) {
      deleteWebhookEndpoint(input: { organisationId: $organisationId, id: $id }) { webhookEndpoint { id } }
    }`,
    variables: async (app) => ({ organisationId: NEWPORT_CVS, id: await newportEndpoint(app, TO_DELETE) }),
  },
  'Mutation.rotateWebhookSecret': {
    document: `mutation ($organisationId: ID!, $id: ID!) {
      rotateWebhookSecret(input: { organisationId: $organisationId, id: $id }) { webhookEndpoint { id } secret }
    }`,
    variables: async (app) => ({ organisationId: NEWPORT_CVS, id: await newportEndpoint(app, KEPT) }),
  },
  'Mutation.redeliverWebhook': {
    document: `mutation ($organisationId: ID!, $deliveryId: ID!) {
      redeliverWebhook(input: { organisationId: $organisationId, deliveryId: $deliveryId }) { delivery { id status } }
    }`,
    variables: async (app) => ({ organisationId: NEWPORT_CVS, deliveryId: await newportDelivery(app) }),
  },
};
