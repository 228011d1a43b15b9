import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { asBackgroundWork } from '@app/common';
import { TCP_KEEPALIVE } from '@app/database';
import { messageIdOf } from '../webhook.service';
import { DELIVERY_CONCURRENCY, MAX_RESPONSE_BYTES, WEBHOOKS_OPTIONS, type WebhooksOptions } from '../webhooks.options';
import { postWebhook } from './http-delivery';
import { signatureHeader } from './signature';
import { type ClaimedEndpoint, WebhookQueue } from './webhook-queue';

/** Deliveries sent per claim of an endpoint before it is given back (others get their turn). */
const PER_CLAIM = 20;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * This instance's delivery loop: queue new items, claim endpoints with a due delivery, send
 * each one's items in order while they succeed, and wait for the poll interval when idle.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('Webhooks');
  /** This instance's lease token: leases it holds carry it. */
  private readonly token = randomUUID();
  private readonly stop = new AbortController();
  private running: Promise<void> = Promise.resolve();
  /** Endpoints this instance is delivering to now. */
  private readonly inFlight = new Set<Promise<void>>();
  private wake: (() => void) | null = null;
  private failing = false;
  private prunedAt = 0;
  /**
   * The one statement an idle instance sends per poll, on a connection of its own: it neither
   * takes a request's connection nor shows among a request's statements (tests count them).
   */
  private readonly probe: Pool;

  constructor(
    private readonly queue: WebhookQueue,
    @Inject(WEBHOOKS_OPTIONS) private readonly options: WebhooksOptions,
  ) {
    this.probe = new Pool({
      connectionString: options.databaseUrl,
      ...TCP_KEEPALIVE,
      max: 1,
      idleTimeoutMillis: 30_000,
      application_name: 'convene-webhooks',
    });
    this.probe.on('error', () => undefined); // a lost idle connection: the next probe opens another
  }

  onApplicationBootstrap(): void {
    this.running = asBackgroundWork(() => this.run()); // no request's: statement counts leave it out
  }

  /** Before the pool closes: no new round, in-flight requests aborted (their items are resent later). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    this.wake?.();
    await this.running;
    await Promise.all(this.inFlight);
    await this.probe.end();
  }

  private async run(): Promise<void> {
    while (!this.stop.signal.aborted) {
      let busy = false;
      try {
        busy = (await this.round()) && !this.stop.signal.aborted;
        if (this.failing) {
          this.log.log('Webhook deliveries resumed');
        }
        this.failing = false;
      } catch (error) {
        if (!this.failing && !this.stop.signal.aborted) {
          this.log.warn({ err: error }, 'A webhook delivery round failed; retrying on the next poll');
        }
        this.failing = true;
      }
      if (!busy) {
        await this.pause();
      }
    }
  }

  /**
   * One round; true when it found work (then the next starts at once). Endpoints are served side by
   * side, each at its own pace: a slow receiver holds only its own slot.
   */
  private async round(): Promise<boolean> {
    const { rows } = await this.probe.query<{ active: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM webhook_endpoint WHERE status = 'ACTIVE') AS active`,
    );
    if (!rows[0]?.active && this.inFlight.size === 0) {
      return false; // no endpoint to serve: nothing else is read
    }
    const queued = await this.queue.fill();
    const room = DELIVERY_CONCURRENCY - this.inFlight.size;
    const claimed = room > 0 ? await this.queue.claim(this.token, room) : [];
    for (const endpoint of claimed) {
      const work: Promise<void> = this.deliverTo(endpoint)
        .catch((error: unknown) => {
          if (!this.stop.signal.aborted) {
            this.log.warn({ err: error }, 'Delivering to a webhook endpoint failed; its lease will expire');
          }
        })
        .finally(() => {
          this.inFlight.delete(work);
          this.wake?.(); // a slot is free
        });
      this.inFlight.add(work);
    }
    if (Date.now() - this.prunedAt > PRUNE_EVERY_MS) {
      this.prunedAt = Date.now();
      await this.queue.prune();
    }
    return queued > 0 || claimed.length > 0;
  }

  private async deliverTo(endpoint: ClaimedEndpoint): Promise<void> {
    try {
      for (let sent = 0; sent < PER_CLAIM && !this.stop.signal.aborted; sent++) {
        const delivery = await this.queue.dueHead(endpoint.id, this.token);
        if (!delivery) {
          break;
        }
        const messageId = messageIdOf(delivery.id);
        const timestamp = Math.floor(Date.now() / 1000);
        const response = await postWebhook(
          {
            url: endpoint.url,
            body: delivery.body,
            headers: {
              'webhook-id': messageId,
              'webhook-timestamp': String(timestamp),
              'webhook-signature': signatureHeader(endpoint.secrets, messageId, timestamp, delivery.body),
            },
            allowPrivate: this.options.allowPrivate,
            timeoutMs: this.options.timeoutMs,
            maxResponseBytes: MAX_RESPONSE_BYTES,
          },
          this.stop.signal,
        );
        if (this.stop.signal.aborted) {
          break; // cut short by shutdown: not the receiver's failure; the item is sent again later
        }
        if (!(await this.queue.recordAttempt(this.token, endpoint.id, delivery, response))) {
          break;
        }
      }
    } finally {
      await this.queue.release(endpoint.id, this.token).catch(() => undefined); // else the lease expires
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, this.options.pollMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
