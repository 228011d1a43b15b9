import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type ActivityEventEntity,
  ActivityFeedService,
  ActivityRecorder,
  type ActivityScope,
  type ActivityScopeKind,
  ActivityVerb,
  cursorOf,
} from '@app/activity';
import type { ActorRef } from '@app/common';
import { lockRow } from '@app/database';
import { WebhookDeliveryStatus, WebhookEndpointStatus } from '../webhook.enums';
import { WebhookEndpointEntity } from '../webhook.entities';
import { note } from '../webhook-flows.service';
import {
  LEASE_MS,
  LOG_RETENTION_DAYS,
  MAX_BODY_BYTES,
  MAX_QUEUED_PER_ENDPOINT,
  WEBHOOKS_OPTIONS,
  type WebhooksOptions,
} from '../webhooks.options';
import type { WebhookResponse } from './http-delivery';
import { afterFailure } from './retry-schedule';

/** Endpoints read as an API token does: public items of their scope only. */
const WEBHOOK_READER: ActorRef = { kind: 'WEBHOOK' };
/** Endpoints whose queues are topped up per round, per instance. */
const FILL_BATCH = 50;

/** An endpoint claimed by this instance for a while: it alone delivers to it meanwhile. */
export interface ClaimedEndpoint {
  readonly id: string;
  readonly organisationId: string;
  readonly url: string;
  /** Every secret signing now (the current one, and the previous one within a day of a rotation). */
  readonly secrets: string[];
}

/** The oldest pending delivery of an endpoint, once due. */
export interface DueDelivery {
  readonly id: string;
  readonly body: string;
  readonly attempts: number;
  /** Failures since the last success or redelivery request. */
  readonly failures: number;
  readonly firstFailedAt: Date | null;
}

const positionAfter = (a: { txId: string; sequence: string }, b: { txId: string; sequence: string }): boolean =>
  BigInt(a.txId) > BigInt(b.txId) || (a.txId === b.txId && BigInt(a.sequence) > BigInt(b.sequence));

/** The Standard Webhooks body of one activity item: its type, when it happened, and the item as the API shows it. */
export function webhookBody(item: ActivityEventEntity): string {
  const data = {
    sequence: item.sequence,
    cursor: cursorOf(item),
    occurredAt: item.occurredAt.toISOString(),
    verb: item.verb,
    visibility: item.visibility,
    actorPersonId: item.actorPersonId,
    organisationId: item.organisationId,
    networkId: item.networkId,
    eventId: item.eventId,
    policeForceAreaCode: item.policeForceAreaCode,
    payload: item.payload,
  };
  const body = JSON.stringify({ type: `activity.${item.verb}`, timestamp: data.occurredAt, data });
  return Buffer.byteLength(body) <= MAX_BODY_BYTES
    ? body
    : JSON.stringify({
        type: `activity.${item.verb}`,
        timestamp: data.occurredAt,
        data: { ...data, payload: null, payloadOmitted: true },
      });
}

/**
 * The delivery queue in PostgreSQL: what survives a crash. Each endpoint keeps its feed position;
 * new items are queued as deliveries (in feed order) behind it. An instance claims an endpoint
 * with a lease (FOR UPDATE SKIP LOCKED, then no lock held over the network) and sends only its
 * oldest pending delivery at a time, so one endpoint's items go out in order and the next waits
 * for the previous one's success. A lease left by a crashed instance expires and another resends
 * the same item (at least once; receivers deduplicate on `webhook-id`).
 */
@Injectable()
export class WebhookQueue {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: ActivityFeedService,
    private readonly activity: ActivityRecorder,
    @Inject(WEBHOOKS_OPTIONS) private readonly options: WebhooksOptions,
  ) {}

  /** Queues new items of their scopes for endpoints behind the feed's head; returns how many. */
  async fill(): Promise<number> {
    const head = await this.feed.head();
    if (!head) {
      return 0;
    }
    const behind = await this.dataSource.query<
      { id: string; scope_kind: string; scope_target: string | null; tx: string; seq: string; queued: number }[]
    >(
      // Endpoints with a full queue (a receiver failing) wait behind their position and take no slot.
      `SELECT * FROM (
         SELECT e.id, e.scope_kind, e.scope_target, e.cursor_tx_id::text AS tx, e.cursor_sequence::text AS seq,
                (SELECT count(*)::int FROM webhook_delivery d WHERE d.endpoint_id = e.id AND d.status = 'PENDING') AS queued
           FROM webhook_endpoint e
          WHERE e.status = 'ACTIVE' AND (e.cursor_tx_id, e.cursor_sequence) < ($1::bigint, $2::bigint)) behind
        WHERE queued < ${MAX_QUEUED_PER_ENDPOINT}
        ORDER BY tx::bigint, seq::bigint
        LIMIT ${FILL_BATCH}`,
      [head.txId, head.sequence],
    );
    let queued = 0;
    for (const endpoint of behind) {
      const room = MAX_QUEUED_PER_ENDPOINT - endpoint.queued; // a longer backlog waits in the feed
      const from = { txId: endpoint.tx, sequence: endpoint.seq };
      const scope = { kind: endpoint.scope_kind as ActivityScopeKind, target: endpoint.scope_target } as ActivityScope;
      const items = await this.feed.itemsAfter(WEBHOOK_READER, scope, from, room);
      const last = items.at(-1);
      // A short page read everything settled up to the head read before it: move past it all.
      const to = items.length < room ? (last && positionAfter(last, head) ? last : head) : (last ?? head);
      queued += await this.dataSource.transaction(async (tx) => {
        const moved = await tx.query<[unknown[], number]>(
          `UPDATE webhook_endpoint SET cursor_tx_id = $2, cursor_sequence = $3
            WHERE id = $1 AND cursor_tx_id = $4 AND cursor_sequence = $5 AND status = 'ACTIVE'`,
          [endpoint.id, to.txId, to.sequence, from.txId, from.sequence],
        );
        if (moved[1] !== 1 || items.length === 0) {
          return 0; // another instance queued them first (or the endpoint stopped)
        }
        await tx.query(
          `INSERT INTO webhook_delivery (endpoint_id, activity_sequence, position_tx_id, verb, body, next_attempt_at)
           SELECT $1::uuid, s, t, v::activity_verb, b, now()
             FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[]) AS i(s, t, v, b)
           ON CONFLICT (endpoint_id, activity_sequence) DO NOTHING`,
          [
            endpoint.id,
            items.map((i) => i.sequence),
            items.map((i) => i.txId),
            items.map((i) => i.verb),
            items.map(webhookBody),
          ],
        );
        return items.length;
      });
    }
    return queued;
  }

  /** Leases up to `limit` active endpoints whose oldest pending delivery is due. */
  async claim(token: string, limit: number): Promise<ClaimedEndpoint[]> {
    // An UPDATE's result through TypeORM is [rows, affected].
    const [rows] = await this.dataSource.query<
      [{ id: string; organisation_id: string; url: string; secret: string; previous_secret: string | null }[], number]
    >(
      `UPDATE webhook_endpoint e SET lease_token = $1, lease_until = now() + $2 * interval '1 millisecond'
        WHERE e.id IN (
          SELECT c.id FROM webhook_endpoint c
           WHERE c.status = 'ACTIVE' AND (c.lease_until IS NULL OR c.lease_until < now())
             AND (SELECT d.next_attempt_at FROM webhook_delivery d
                   WHERE d.endpoint_id = c.id AND d.status = 'PENDING'
                   ORDER BY d.position_tx_id, d.activity_sequence LIMIT 1) <= now()
           ORDER BY c.lease_until NULLS FIRST
           LIMIT $3)
          -- rechecked on the row as committed: of two instances picking one endpoint, the later waits, then skips it
          AND (e.lease_until IS NULL OR e.lease_until < now())
        RETURNING e.id, e.organisation_id, e.url, e.secret,
                  CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret END AS previous_secret`,
      [token, LEASE_MS, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      url: r.url,
      secrets: r.previous_secret ? [r.secret, r.previous_secret] : [r.secret],
    }));
  }

  /** The endpoint's oldest pending delivery if it is due (and the lease still ours); null otherwise. */
  async dueHead(endpointId: string, token: string): Promise<DueDelivery | null> {
    const [row] = await this.dataSource.query<
      { id: string; body: string; attempts: number; failures: number; first_failed_at: Date | null; due: boolean }[]
    >(
      `SELECT d.id, d.body, d.attempts, d.failures, d.first_failed_at, d.next_attempt_at <= now() AS due
         FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
        WHERE d.endpoint_id = $1 AND d.status = 'PENDING' AND e.lease_token = $2 AND e.status = 'ACTIVE'
        ORDER BY d.position_tx_id, d.activity_sequence LIMIT 1`,
      [endpointId, token],
    );
    return row?.due
      ? {
          id: row.id,
          body: row.body,
          attempts: row.attempts,
          failures: row.failures,
          firstFailedAt: row.first_failed_at,
        }
      : null;
  }

  /**
   * Records an attempt, if the lease is still ours. A success lets the next item go; a failure
   * schedules the retry, or, after failing for the whole window, fails the item and disables the
   * endpoint with an activity item for its organisation's admins. Returns whether to go on.
   */
  async recordAttempt(
    token: string,
    endpointId: string,
    delivery: DueDelivery,
    response: WebhookResponse,
  ): Promise<boolean> {
    return this.activity.transaction(async (tx, record) => {
      record.unchanged(); // delivery bookkeeping; only disabling the endpoint is a domain change
      const held = await lockRow(tx, WebhookEndpointEntity, { id: endpointId });
      const [clock] = await tx.query<{ now: Date }[]>('SELECT now() AS now');
      const endpoint = held && { lease_token: held.leaseToken, now: clock.now };
      if (!endpoint || endpoint.lease_token !== token) {
        return false; // deleted, or taken over after our lease ran out: the new holder resends
      }
      const attempted = [delivery.id, response.status, response.latencyMs, response.error] as const;
      if (response.ok) {
        await tx.query(
          `UPDATE webhook_delivery SET status = 'SUCCEEDED', attempts = attempts + 1, last_attempt_at = now(),
                  response_status = $2, latency_ms = $3, error = $4, next_attempt_at = NULL, first_failed_at = NULL,
                  failures = 0, delivered_at = now()
            WHERE id = $1`,
          attempted,
        );
        await tx.query(
          `UPDATE webhook_endpoint SET lease_until = now() + $2 * interval '1 millisecond' WHERE id = $1`,
          [endpointId, LEASE_MS],
        );
        return true;
      }
      const now = new Date(endpoint.now);
      const firstFailedAt = delivery.firstFailedAt ?? now;
      const next = afterFailure(
        { baseMs: this.options.retryBaseMs, giveUpAfterMs: this.options.retryForSeconds * 1000 },
        delivery.failures + 1,
        firstFailedAt,
        now,
      );
      if (!next.giveUp) {
        await tx.query(
          `UPDATE webhook_delivery SET attempts = attempts + 1, failures = failures + 1, last_attempt_at = now(), response_status = $2,
                  latency_ms = $3, error = $4, next_attempt_at = $5, first_failed_at = $6
            WHERE id = $1`,
          [...attempted, next.nextAttemptAt, firstFailedAt],
        );
        return false;
      }
      await tx.query(
        `UPDATE webhook_delivery SET status = 'FAILED', attempts = attempts + 1, failures = failures + 1, last_attempt_at = now(),
                response_status = $2, latency_ms = $3, error = $4, next_attempt_at = NULL, first_failed_at = $5
          WHERE id = $1`,
        [...attempted, firstFailedAt],
      );
      const reason = `deliveries failed since ${firstFailedAt.toISOString()}: ${response.error ?? 'no answer'}`;
      await tx.query(
        `UPDATE webhook_endpoint SET status = $2, disabled_at = now(), disabled_reason = $3,
                lease_token = NULL, lease_until = NULL
          WHERE id = $1`,
        [endpointId, WebhookEndpointStatus.DISABLED, reason.slice(0, 500)],
      );
      const disabled = await tx.findOneByOrFail(WebhookEndpointEntity, { id: endpointId });
      await note(record, null, disabled, ActivityVerb.WEBHOOK_ENDPOINT_DISABLED, {
        failingSince: firstFailedAt.toISOString(),
        attempts: delivery.attempts + 1,
        lastError: response.error,
        webhookDeliveryId: delivery.id,
      });
      return false;
    });
  }

  /** Gives the endpoint back (another instance may claim it once its next delivery is due). */
  async release(endpointId: string, token: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_endpoint SET lease_token = NULL, lease_until = NULL WHERE id = $1 AND lease_token = $2`,
      [endpointId, token],
    );
  }

  /** Forgets succeeded deliveries older than the log keeps. */
  async prune(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM webhook_delivery
        WHERE status = '${WebhookDeliveryStatus.SUCCEEDED}' AND delivered_at < now() - interval '${LOG_RETENTION_DAYS} days'`,
    );
  }
}
