/** What the webhooks context needs from the composition root (see the README's configuration table). */
export interface WebhooksOptions {
  /** The dispatcher's idle probe runs on a connection of its own (`convene-webhooks`). */
  readonly databaseUrl: string;
  /** WEBHOOK_ALLOW_PRIVATE: endpoints may be http and on private or loopback addresses (development, tests). */
  readonly allowPrivate: boolean;
  /** WEBHOOK_RETRY_BASE_MS: the wait after a first failure, doubled after each further one (at most an hour). */
  readonly retryBaseMs: number;
  /** WEBHOOK_RETRY_FOR_SECONDS: how long an endpoint may keep failing before it is disabled. */
  readonly retryForSeconds: number;
  /** WEBHOOK_POLL_MS: how often each instance looks for new activity and due deliveries. */
  readonly pollMs: number;
  /** WEBHOOK_TIMEOUT_MS: one attempt's deadline (resolve, connect, send, answer). */
  readonly timeoutMs: number;
}

export const WEBHOOKS_OPTIONS = Symbol('WEBHOOKS_OPTIONS');

/** Endpoints one organisation may register. */
export const MAX_ENDPOINTS_PER_ORGANISATION = 10;
/** Deliveries queued per endpoint at once; the feed position holds the rest of a backlog. */
export const MAX_QUEUED_PER_ENDPOINT = 100;
/** A body larger than this is sent without the item's payload (flagged `payloadOmitted`). */
export const MAX_BODY_BYTES = 64 * 1024;
/** Bytes of a receiver's answer read at most. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
/** Endpoints one instance delivers to at once. */
export const DELIVERY_CONCURRENCY = 8;
/** An instance holds an endpoint this long per claim (renewed per attempt); after a crash another takes over. */
export const LEASE_MS = 60_000;
/** After a rotation the old secret keeps signing (a second signature) this long. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** Succeeded deliveries are kept in the log this long. */
export const LOG_RETENTION_DAYS = 30;
