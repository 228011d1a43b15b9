import { registerEnumType } from '@nestjs/graphql';

export enum WebhookEndpointStatus {
  /** Receiving deliveries. */
  ACTIVE = 'ACTIVE',
  /** Stopped: by its admins, or after failing for the whole retry window. Its feed position is kept. */
  DISABLED = 'DISABLED',
}

export enum WebhookDeliveryStatus {
  /** Waiting for its attempt (or its next one), after every earlier item of the endpoint has succeeded. */
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  /** Given up on when the endpoint was disabled; `redeliverWebhook` sends it again. */
  FAILED = 'FAILED',
}

registerEnumType(WebhookEndpointStatus, {
  name: 'WebhookEndpointStatus',
  description: 'Whether an endpoint receives deliveries.',
});
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where one activity item stands in its delivery to one endpoint.',
});
