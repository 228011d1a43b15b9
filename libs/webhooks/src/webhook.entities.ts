import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ActivityEventEntity, ActivityVerb } from '@app/activity';
import { ApiTokenScopeKind, PersonEntity } from '@app/identity';
import { OrganisationEntity } from '@app/organisations';
import { WebhookDeliveryStatus, WebhookEndpointStatus } from './webhook.enums';

/**
 * Where an organisation wants a scope's activity delivered, signed with its secret. Reads like an
 * API token of the same scope (public items only). `cursor*` is the feed position up to which
 * items have been queued as deliveries; `lease*` marks the instance delivering to it now.
 */
@Entity('webhook_endpoint')
@Index('webhook_endpoint_organisation_id_idx', ['organisationId'])
@Check('webhook_endpoint_scope_target', `("scope_kind" = 'NATIONAL') = ("scope_target" IS NULL)`)
@Check('webhook_endpoint_disabled', `("status" = 'DISABLED') = ("disabled_at" IS NOT NULL)`)
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column('text')
  url!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'enum', enum: ApiTokenScopeKind, enumName: 'api_token_scope_kind' })
  scopeKind!: ApiTokenScopeKind;

  @Column({ type: 'text', nullable: true })
  scopeTarget!: string | null;

  /** Kept as is: signing needs it (like any HMAC key). Never returned after creation or rotation. */
  @Column('text')
  secret!: string;

  /** The secret before the last rotation, still signing alongside the new one until it expires. */
  @Column({ type: 'text', nullable: true })
  previousSecret!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Column({
    type: 'enum',
    enum: WebhookEndpointStatus,
    enumName: 'webhook_endpoint_status',
    default: WebhookEndpointStatus.ACTIVE,
  })
  status!: WebhookEndpointStatus;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  disabledReason!: string | null;

  @Column('bigint')
  cursorTxId!: string;

  @Column('bigint')
  cursorSequence!: string;

  @Column({ type: 'uuid', nullable: true })
  leaseToken!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: PersonEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** One activity item for one endpoint: its attempts so far and what the last one got. */
@Entity('webhook_delivery')
@Index('webhook_delivery_endpoint_item_key', ['endpointId', 'activitySequence'], { unique: true })
@Index('webhook_delivery_endpoint_position_idx', ['endpointId', 'positionTxId', 'activitySequence'])
@Check('webhook_delivery_pending', `("status" = 'PENDING') = ("next_attempt_at" IS NOT NULL)`)
@Check('webhook_delivery_attempts', `"attempts" >= 0 AND "failures" >= 0`)
export class WebhookDeliveryEntity {
  /** Also the `webhook-id` header (with `msg_`): the same for every attempt and redelivery. */
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  endpointId!: string;

  @ManyToOne(() => WebhookEndpointEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: WebhookEndpointEntity;

  @Column('bigint')
  activitySequence!: string;

  @ManyToOne(() => ActivityEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_sequence', referencedColumnName: 'sequence' })
  activity?: ActivityEventEntity;

  /** The item's transaction id: with its sequence, its place in the feed (delivery order). */
  @Column('bigint')
  positionTxId!: string;

  @Column({ type: 'enum', enum: ActivityVerb, enumName: 'activity_verb' })
  verb!: ActivityVerb;

  /** What is sent, fixed when queued (Standard Webhooks JSON), so a redelivery sends the same. */
  @Column('text')
  body!: string;

  @Column({
    type: 'enum',
    enum: WebhookDeliveryStatus,
    enumName: 'webhook_delivery_status',
    default: WebhookDeliveryStatus.PENDING,
  })
  status!: WebhookDeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** Failed attempts since the last success or redelivery request: the backoff's exponent. */
  @Column({ type: 'int', default: 0 })
  failures!: number;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  /** The first failure since the last success: the retry window runs from here. */
  @Column({ type: 'timestamptz', nullable: true })
  firstFailedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'int', nullable: true })
  latencyMs!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
