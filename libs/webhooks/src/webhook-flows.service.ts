import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility, type RecordActivity } from '@app/activity';
import { CommonRefusal, DomainError, ErrorCode } from '@app/common';
import { WebhookRefusal } from './webhooks.errors';
import { type Actor, ApiTokenScopeKind, FeedScopeCheck } from '@app/identity';
import { OrganisationService } from '@app/organisations';
import { urlProblem } from './delivery/destination';
import { newWebhookSecret } from './delivery/signature';
import type {
  CreateWebhookEndpointInput,
  RedeliverWebhookInput,
  UpdateWebhookEndpointInput,
  WebhookEndpointRefInput,
} from './dto/webhook.input';
import { WebhookDeliveryEntity, WebhookEndpointEntity } from './webhook.entities';
import { WebhookDeliveryStatus, WebhookEndpointStatus } from './webhook.enums';
import type { WebhookDelivery, WebhookEndpoint } from './webhook.model';
import { toDelivery, toEndpoint, WebhookService } from './webhook.service';
import {
  MAX_ENDPOINTS_PER_ORGANISATION,
  SECRET_OVERLAP_MS,
  WEBHOOKS_OPTIONS,
  type WebhooksOptions,
} from './webhooks.options';

type Person = Extract<Actor, { kind: 'PERSON' }>;

/** What the feed says about an endpoint: its host only (a URL's path or query may hold a receiver's secret). */
const hostOf = (url: string): string => new URL(url).host;

/**
 * Writes: registering, changing, disabling, deleting endpoints, rotating secrets and asking for a
 * redelivery. Each appends an ORGANISATION item (its admins see what changed).
 */
@Injectable()
export class WebhookFlowsService {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly reads: WebhookService,
    private readonly scope: FeedScopeCheck,
    private readonly organisations: OrganisationService,
    @Inject(WEBHOOKS_OPTIONS) private readonly options: WebhooksOptions,
  ) {}

  async create(
    creator: Person,
    input: CreateWebhookEndpointInput,
  ): Promise<{ webhookEndpoint: WebhookEndpoint; secret: string }> {
    if (!(await this.organisations.findByIds([input.organisationId])).length) {
      throw new DomainError(
        ErrorCode.NOT_FOUND,
        CommonRefusal.NOT_FOUND,
        'input.organisationId: there is no organisation with this id',
        [{ field: 'input.organisationId', message: 'there is no organisation with this id' }],
      );
    }
    const url = this.checkedUrl(input.url);
    // The national feed carries everything public in the country: platform admins only.
    if (input.scopeKind === ApiTokenScopeKind.NATIONAL && !creator.platformAdmin) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        CommonRefusal.NOT_PERMITTED,
        'input.scopeKind: only platform admins may follow the national feed',
        [{ field: 'input.scopeKind', message: 'only platform admins may follow the national feed' }],
      );
    }
    const scopeTarget = await this.scope.checkedTarget(creator, input.scopeKind, input.scopeTarget ?? null, {
      noun: 'endpoint',
      outsideMembership: WebhookRefusal.FEED_OUTSIDE_MEMBERSHIP,
      outsideMembershipAction: 'may follow it',
    });
    const secret = newWebhookSecret();
    const endpoint = await this.activity.transaction(async (tx, record) => {
      // One creation at a time per organisation, so two at once cannot both pass the count.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('webhook_endpoint:' || $1))`, [input.organisationId]);
      const count = await tx.countBy(WebhookEndpointEntity, { organisationId: input.organisationId });
      if (count >= MAX_ENDPOINTS_PER_ORGANISATION) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          WebhookRefusal.ENDPOINT_LIMIT,
          `input.organisationId: an organisation may have at most ${MAX_ENDPOINTS_PER_ORGANISATION} webhook endpoints`,
          [{ field: 'input.organisationId', message: `at most ${MAX_ENDPOINTS_PER_ORGANISATION} webhook endpoints` }],
        );
      }
      // Deliveries start after this transaction's place in the feed: what happens from now on.
      const [row] = await tx.query<{ id: string }[]>(
        `INSERT INTO webhook_endpoint
           (organisation_id, url, description, scope_kind, scope_target, secret, cursor_tx_id, cursor_sequence, created_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, (pg_current_xact_id()::text)::bigint, 9223372036854775807, $7)
         RETURNING id`,
        [
          input.organisationId,
          url,
          input.description?.trim() || null,
          input.scopeKind,
          scopeTarget,
          secret,
          creator.personId,
        ],
      );
      const saved = await tx.findOneByOrFail(WebhookEndpointEntity, { id: row?.id ?? '' });
      await note(record, creator.personId, saved, ActivityVerb.WEBHOOK_ENDPOINT_CREATED, {
        scopeKind: saved.scopeKind,
        scopeTarget,
      });
      return saved;
    });
    return { webhookEndpoint: toEndpoint(endpoint), secret };
  }

  async update(actor: Person, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
    await this.reads.endpointOf(input.organisationId, input.id);
    const url = input.url === undefined ? undefined : this.checkedUrl(input.url);
    return this.locked(input.organisationId, input.id, async (tx, record, endpoint) => {
      const changes: Partial<WebhookEndpointEntity> = {};
      if (url !== undefined && url !== endpoint.url) {
        changes.url = url;
      }
      const description = input.description === undefined ? undefined : input.description?.trim() || null;
      if (description !== undefined && description !== endpoint.description) {
        changes.description = description;
      }
      if (input.enabled === false && endpoint.status === WebhookEndpointStatus.ACTIVE) {
        Object.assign(changes, {
          status: WebhookEndpointStatus.DISABLED,
          disabledAt: new Date(),
          disabledReason: 'disabled by an admin',
        });
      } else if (input.enabled === true && endpoint.status === WebhookEndpointStatus.DISABLED) {
        Object.assign(changes, { status: WebhookEndpointStatus.ACTIVE, disabledAt: null, disabledReason: null });
      }
      if (Object.keys(changes).length === 0) {
        record.unchanged();
        return endpoint;
      }
      await tx.update(WebhookEndpointEntity, { id: endpoint.id }, changes);
      const updated = await tx.findOneByOrFail(WebhookEndpointEntity, { id: endpoint.id });
      await note(record, actor.personId, updated, ActivityVerb.WEBHOOK_ENDPOINT_UPDATED, {
        changed: Object.keys(changes),
        status: updated.status,
      });
      return updated;
    }).then(toEndpoint);
  }

  async delete(actor: Person, input: WebhookEndpointRefInput): Promise<WebhookEndpoint> {
    await this.reads.endpointOf(input.organisationId, input.id);
    return this.locked(input.organisationId, input.id, async (tx, record, endpoint) => {
      await tx.delete(WebhookEndpointEntity, { id: endpoint.id }); // its delivery log goes with it
      await note(record, actor.personId, endpoint, ActivityVerb.WEBHOOK_ENDPOINT_DELETED);
      return endpoint;
    }).then(toEndpoint);
  }

  /** A new secret; the old one keeps signing beside it for a day, so receivers can switch without losing items. */
  async rotateSecret(
    actor: Person,
    input: WebhookEndpointRefInput,
  ): Promise<{ webhookEndpoint: WebhookEndpoint; secret: string }> {
    await this.reads.endpointOf(input.organisationId, input.id);
    const secret = newWebhookSecret();
    const endpoint = await this.locked(input.organisationId, input.id, async (tx, record, found) => {
      await tx.update(
        WebhookEndpointEntity,
        { id: found.id },
        {
          secret,
          previousSecret: found.secret,
          previousSecretExpiresAt: new Date(Date.now() + SECRET_OVERLAP_MS),
        },
      );
      await note(record, actor.personId, found, ActivityVerb.WEBHOOK_SECRET_ROTATED);
      return tx.findOneByOrFail(WebhookEndpointEntity, { id: found.id });
    });
    return { webhookEndpoint: toEndpoint(endpoint), secret };
  }

  /**
   * Sends an item again, with the same `webhook-id`: it becomes due now and, being earlier in the
   * feed than what is still queued, goes first. On a disabled endpoint it waits until it is enabled.
   */
  async redeliver(actor: Person, input: RedeliverWebhookInput): Promise<WebhookDelivery> {
    const delivery = await this.activity.transactionOn(
      { entity: WebhookDeliveryEntity, id: input.deliveryId, name: 'Webhook delivery' },
      async ({ tx, record, row: found }) => {
        const owned = await tx.existsBy(WebhookEndpointEntity, {
          id: found.endpointId,
          organisationId: input.organisationId,
        });
        if (!owned) {
          throw DomainError.notFound('Webhook delivery', input.deliveryId);
        }
        await tx.query(
          `UPDATE webhook_delivery SET status = $2, next_attempt_at = now(), first_failed_at = NULL, failures = 0 WHERE id = $1`,
          [input.deliveryId, WebhookDeliveryStatus.PENDING],
        );
        const endpoint = await tx.findOneByOrFail(WebhookEndpointEntity, { id: found.endpointId });
        await note(record, actor.personId, endpoint, ActivityVerb.WEBHOOK_REDELIVERY_REQUESTED, {
          webhookDeliveryId: input.deliveryId,
        });
        return tx.findOneByOrFail(WebhookDeliveryEntity, { id: input.deliveryId });
      },
    );
    return toDelivery(delivery);
  }

  private checkedUrl(url: string): string {
    const trimmed = url.trim();
    const problem = urlProblem(trimmed, this.options.allowPrivate);
    if (problem) {
      throw DomainError.badInput(WebhookRefusal.UNSAFE_URL, 'input.url', problem);
    }
    return new URL(trimmed).href; // as it will be requested (the parser drops tabs and newlines, decodes numbers)
  }

  /** Runs a change with the endpoint's row locked (the dispatcher locks it too when recording an attempt). */
  private locked<T>(
    organisationId: string,
    id: string,
    work: (tx: EntityManager, record: RecordActivity, endpoint: WebhookEndpointEntity) => Promise<T>,
  ): Promise<T> {
    return this.activity.transactionOn(
      { entity: WebhookEndpointEntity, id: { id, organisationId }, name: 'Webhook endpoint' },
      ({ tx, record, row }) => work(tx, record, row),
    );
  }
}

/** An endpoint's change, for its organisation's people (and platform admins) only. */
export function note(
  record: RecordActivity,
  actorPersonId: string | null,
  endpoint: WebhookEndpointEntity,
  verb: ActivityVerb,
  payload: Record<string, unknown> = {},
): Promise<void> {
  return record({
    verb,
    visibility: ActivityVisibility.ORGANISATION,
    actorPersonId,
    actorOrganisationId: actorPersonId ? endpoint.organisationId : null,
    organisationId: endpoint.organisationId,
    payload: { webhookEndpointId: endpoint.id, host: hostOf(endpoint.url), ...payload },
  });
}
