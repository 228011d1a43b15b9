import type { RefusalDescriptions } from '@app/common';

/** Why the webhooks context refuses: endpoints and the feeds they follow. */
export enum WebhookRefusal {
  ENDPOINT_LIMIT = 'ENDPOINT_LIMIT',
  UNSAFE_URL = 'UNSAFE_URL',
  FEED_OUTSIDE_MEMBERSHIP = 'FEED_OUTSIDE_MEMBERSHIP',
}

export const WEBHOOK_REFUSALS: RefusalDescriptions<WebhookRefusal> = {
  ENDPOINT_LIMIT: 'The organisation has as many webhook endpoints as it may: delete one first.',
  UNSAFE_URL:
    'The address is not one deliveries may go to (https, a public host; private addresses only where the server allows them).',
  FEED_OUTSIDE_MEMBERSHIP: "A network's feed is followed only by people of its active member organisations.",
};

declare module '@app/common' {
  interface RefusalReasons {
    webhooks: WebhookRefusal;
  }
}
