import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { type Connection, DEFAULT_PAGE_SIZE, decodeCursor, DomainError, isBigintText, toConnection } from '@app/common';
import { WebhookDeliveryEntity, WebhookEndpointEntity } from './webhook.entities';
import type { WebhookDelivery, WebhookEndpoint } from './webhook.model';

/** Shown instead of the secret: enough to tell two apart, not to sign. */
const SECRET_PREFIX_LENGTH = 12;

export function toEndpoint(entity: WebhookEndpointEntity): WebhookEndpoint {
  return {
    id: entity.id,
    organisationId: entity.organisationId,
    url: entity.url,
    description: entity.description,
    scopeKind: entity.scopeKind,
    scopeTarget: entity.scopeTarget,
    status: entity.status,
    disabledAt: entity.disabledAt,
    disabledReason: entity.disabledReason,
    secretPrefix: entity.secret.slice(0, SECRET_PREFIX_LENGTH),
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

export const messageIdOf = (deliveryId: string): string => `msg_${deliveryId}`;

export function toDelivery(entity: WebhookDeliveryEntity): WebhookDelivery {
  return {
    id: entity.id,
    endpointId: entity.endpointId,
    messageId: messageIdOf(entity.id),
    activitySequence: entity.activitySequence,
    verb: entity.verb,
    status: entity.status,
    attempts: entity.attempts,
    lastAttemptAt: entity.lastAttemptAt,
    responseStatus: entity.responseStatus,
    latencyMs: entity.latencyMs,
    error: entity.error,
    nextAttemptAt: entity.nextAttemptAt,
    deliveredAt: entity.deliveredAt,
    createdAt: entity.createdAt,
  };
}

/** Reads: an organisation's endpoints and each one's delivery log. */
@Injectable()
export class WebhookService {
  constructor(
    @InjectRepository(WebhookEndpointEntity) private readonly endpoints: Repository<WebhookEndpointEntity>,
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
  ) {}

  async endpointsOf(organisationId: string): Promise<WebhookEndpoint[]> {
    const found = await this.endpoints.find({ where: { organisationId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return found.map(toEndpoint);
  }

  /** The endpoint, if it belongs to the organisation (another organisation's is not told apart from none). */
  async endpointOf(organisationId: string, id: string): Promise<WebhookEndpointEntity> {
    const found = await this.endpoints.findOneBy({ id, organisationId });
    if (!found) {
      throw DomainError.notFound('Webhook endpoint', id);
    }
    return found;
  }

  /** The delivery log, newest item first. */
  async deliveriesOf(
    organisationId: string,
    endpointId: string,
    first = DEFAULT_PAGE_SIZE,
    after?: string,
  ): Promise<Connection<WebhookDelivery>> {
    await this.endpointOf(organisationId, endpointId);
    const query = this.deliveries.createQueryBuilder('d').where('d.endpoint_id = :endpointId', { endpointId });
    const totalCount = await query.clone().getCount();
    if (after) {
      const { key, id } = decodeCursor(after, 'after', (p) => isBigintText(p.key) && isBigintText(p.id));
      query.andWhere('(d.position_tx_id, d.activity_sequence) < (:tx::bigint, :seq::bigint)', { tx: key, seq: id });
    }
    const rows = await query
      .orderBy('d.position_tx_id', 'DESC')
      .addOrderBy('d.activity_sequence', 'DESC')
      .limit(first + 1)
      .getMany();
    const connection = toConnection(rows, first, totalCount, (d) => ({ key: d.positionTxId, id: d.activitySequence }));
    return { ...connection, edges: connection.edges.map((e) => ({ cursor: e.cursor, node: toDelivery(e.node) })) };
  }
}
