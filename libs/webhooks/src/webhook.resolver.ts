import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Connection } from '@app/common';
import { type Actor, CurrentActor } from '@app/identity';
import {
  CreateWebhookEndpointInput,
  CreateWebhookEndpointPayload,
  RedeliverWebhookInput,
  RedeliverWebhookPayload,
  RotateWebhookSecretPayload,
  UpdateWebhookEndpointInput,
  WebhookDeliveriesArgs,
  WebhookEndpointPayload,
  WebhookEndpointRefInput,
  WebhookEndpointsArgs,
} from './dto/webhook.input';
import { WebhookDelivery, WebhookDeliveryConnection, WebhookEndpoint } from './webhook.model';
import { WebhookFlowsService } from './webhook-flows.service';
import { WebhookService } from './webhook.service';

type Person = Extract<Actor, { kind: 'PERSON' }>;

/** The operation policy admits only people (the organisation's admins, platform admins). */
function person(actor: Actor): Person {
  if (actor.kind !== 'PERSON') {
    throw new Error('The operation policy lets only people manage webhooks');
  }
  return actor;
}

/** An organisation's webhook endpoints and their delivery logs (its admins). */
@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  constructor(
    private readonly reads: WebhookService,
    private readonly flows: WebhookFlowsService,
  ) {}

  @Query(() => [WebhookEndpoint], { description: "An organisation's webhook endpoints, oldest first (its admins)." })
  webhookEndpoints(@Args() { organisationId }: WebhookEndpointsArgs): Promise<WebhookEndpoint[]> {
    return this.reads.endpointsOf(organisationId);
  }

  @Query(() => WebhookDeliveryConnection, {
    description: "An endpoint's delivery log, newest item first: status, attempts, last answer, next attempt.",
  })
  webhookDeliveries(
    @Args() { organisationId, endpointId, first, after }: WebhookDeliveriesArgs,
  ): Promise<Connection<WebhookDelivery>> {
    return this.reads.deliveriesOf(organisationId, endpointId, first, after);
  }

  @Mutation(() => CreateWebhookEndpointPayload, {
    description: "Registers an endpoint for a scope's public activity (from now on); its signing secret is shown once.",
  })
  createWebhookEndpoint(
    @Args('input') input: CreateWebhookEndpointInput,
    @CurrentActor() actor: Actor,
  ): Promise<CreateWebhookEndpointPayload> {
    return this.flows.create(person(actor), input);
  }

  @Mutation(() => WebhookEndpointPayload, {
    description: "Changes an endpoint's URL or description, or disables or enables it.",
  })
  async updateWebhookEndpoint(
    @Args('input') input: UpdateWebhookEndpointInput,
    @CurrentActor() actor: Actor,
  ): Promise<WebhookEndpointPayload> {
    return { webhookEndpoint: await this.flows.update(person(actor), input) };
  }

  @Mutation(() => WebhookEndpointPayload, { description: 'Deletes an endpoint and its delivery log.' })
  async deleteWebhookEndpoint(
    @Args('input') input: WebhookEndpointRefInput,
    @CurrentActor() actor: Actor,
  ): Promise<WebhookEndpointPayload> {
    return { webhookEndpoint: await this.flows.delete(person(actor), input) };
  }

  @Mutation(() => RotateWebhookSecretPayload, {
    description: 'Replaces the signing secret (shown once); the old one also signs for 24 hours.',
  })
  rotateWebhookSecret(
    @Args('input') input: WebhookEndpointRefInput,
    @CurrentActor() actor: Actor,
  ): Promise<RotateWebhookSecretPayload> {
    return this.flows.rotateSecret(person(actor), input);
  }

  @Mutation(() => RedeliverWebhookPayload, {
    description: 'Sends a delivery again now, with the same `webhook-id` (also one that failed or succeeded).',
  })
  async redeliverWebhook(
    @Args('input') input: RedeliverWebhookInput,
    @CurrentActor() actor: Actor,
  ): Promise<RedeliverWebhookPayload> {
    return { delivery: await this.flows.redeliver(person(actor), input) };
  }
}
