import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { ConnectionArgs, OptionalNotNull } from '@app/common';
import { ApiTokenScopeKind } from '@app/identity';
import { MAX_URL_LENGTH } from '../delivery/destination';
import { WebhookDelivery, WebhookEndpoint } from '../webhook.model';

@InputType()
export class CreateWebhookEndpointInput {
  @Field(() => ID, { description: 'The organisation that owns the endpoint (you must be its admin).' })
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;

  @Field({ description: 'An https URL on a public host.' })
  @MaxLength(MAX_URL_LENGTH)
  url!: string;

  @Field(() => String, { nullable: true, description: 'What it is for.' })
  @IsOptional()
  @Length(1, 200)
  description?: string | null;

  @Field(() => ApiTokenScopeKind, { description: 'NATIONAL: platform admins only.' })
  @IsEnum(ApiTokenScopeKind)
  scopeKind!: ApiTokenScopeKind;

  @Field(() => String, {
    nullable: true,
    description:
      'Required unless NATIONAL: PFA code, network id (a network you may read privately) or organisation id.',
  })
  @IsOptional()
  @MaxLength(64)
  scopeTarget?: string | null;
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be a webhook endpoint id' })
  id!: string;

  @Field({ nullable: true })
  @OptionalNotNull()
  @MaxLength(MAX_URL_LENGTH)
  url?: string;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @Length(1, 200)
  description?: string | null;

  @Field({
    nullable: true,
    description:
      'false disables it; true enables it again, delivering from where it stopped (a FAILED item stays failed: redeliver it).',
  })
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}

@InputType()
export class WebhookEndpointRefInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be a webhook endpoint id' })
  id!: string;
}

@InputType()
export class RedeliverWebhookInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be a webhook delivery id' })
  deliveryId!: string;
}

@ArgsType()
export class WebhookDeliveriesArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be a webhook endpoint id' })
  endpointId!: string;
}

@ArgsType()
export class WebhookEndpointsArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;
}

@ObjectType()
export class CreateWebhookEndpointPayload {
  @Field(() => WebhookEndpoint)
  webhookEndpoint!: WebhookEndpoint;

  @Field({
    description:
      'The signing secret (`whsec_…`), shown this once: verify `webhook-signature` with it (any Standard Webhooks library).',
  })
  secret!: string;
}

@ObjectType()
export class RotateWebhookSecretPayload {
  @Field(() => WebhookEndpoint)
  webhookEndpoint!: WebhookEndpoint;

  @Field({ description: 'The new secret, shown this once. The old one also signs for 24 hours (two signatures).' })
  secret!: string;
}

@ObjectType()
export class WebhookEndpointPayload {
  @Field(() => WebhookEndpoint)
  webhookEndpoint!: WebhookEndpoint;
}

@ObjectType()
export class RedeliverWebhookPayload {
  @Field(() => WebhookDelivery)
  delivery!: WebhookDelivery;
}
