import { Action, operationPolicy, organisationArgument, organisationInInput } from '@app/common';

const ORGANISATION = 'the organisation named in the arguments';
const admins = (resource: ReturnType<typeof organisationArgument>) => ({
  action: Action.ADMINS_OF_ORGANISATION,
  resource,
  resourceName: ORGANISATION,
});

/**
 * Webhooks: the owning organisation's admins, and platform admins (NATIONAL endpoints are for
 * platform admins only, checked by the flows). Endpoints and deliveries are looked up within the
 * organisation named.
 */
export const webhooksOperationPolicy = operationPolicy('webhooks', {
  'Query.webhookEndpoints': admins(organisationArgument('organisationId')),
  'Query.webhookDeliveries': admins(organisationArgument('organisationId')),
  'Mutation.createWebhookEndpoint': admins(organisationInInput('organisationId')),
  'Mutation.updateWebhookEndpoint': admins(organisationInInput('organisationId')),
  'Mutation.deleteWebhookEndpoint': admins(organisationInInput('organisationId')),
  'Mutation.rotateWebhookSecret': admins(organisationInInput('organisationId')),
  'Mutation.redeliverWebhook': admins(organisationInInput('organisationId')),
});
