import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ActivityVerb } from '@app/activity';
import { ConnectionType } from '@app/common';
import { ApiTokenScopeKind } from '@app/identity';
import { WebhookDeliveryStatus, WebhookEndpointStatus } from './webhook.enums';

@ObjectType('WebhookEndpoint', {
  description:
    "A URL receiving a scope's public activity as signed Standard Webhooks deliveries, in feed order. " +
    'It reads like an API token of the same scope. The secret is shown once (at creation and rotation).',
})
export class WebhookEndpoint {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The organisation that owns it (its admins manage it).' })
  organisationId!: string;

  @Field({ description: 'Where deliveries are POSTed.' })
  url!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => ApiTokenScopeKind, { description: 'Which feed it receives, as for API tokens.' })
  scopeKind!: ApiTokenScopeKind;

  @Field(() => String, { nullable: true, description: 'PFA code, network id or organisation id; null for NATIONAL.' })
  scopeTarget!: string | null;

  @Field(() => WebhookEndpointStatus)
  status!: WebhookEndpointStatus;

  @Field(() => Date, { nullable: true })
  disabledAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was disabled (by its admins, or failing deliveries).' })
  disabledReason!: string | null;

  @Field({ description: 'First characters of the signing secret, to recognise it.' })
  secretPrefix!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('WebhookDelivery', { description: 'One activity item on its way to one endpoint: the delivery log.' })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  endpointId!: string;

  @Field({ description: 'The `webhook-id` header: the same for every attempt and redelivery (deduplicate on it).' })
  messageId!: string;

  @Field({ description: 'Sequence of the activity item delivered (`ActivityEvent.sequence`).' })
  activitySequence!: string;

  @Field(() => ActivityVerb)
  verb!: ActivityVerb;

  @Field(() => WebhookDeliveryStatus)
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts!: number;

  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: "HTTP status of the last attempt's answer (none if it got none)." })
  responseStatus!: number | null;

  @Field(() => Int, { nullable: true, description: 'How long the last attempt took, in milliseconds.' })
  latencyMs!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  error!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the next attempt is due (PENDING only; it also waits for earlier items).',
  })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field()
  createdAt!: Date;
}

export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, 'WebhookDelivery');
