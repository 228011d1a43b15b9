import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GeographyModule } from '@app/geography';
import { FeedScopeCheck } from '@app/identity';
import { NetworksModule } from '@app/networks';
import { OrganisationsModule } from '@app/organisations';
import { WebhookDispatcher } from './delivery/webhook-dispatcher';
import { WebhookQueue } from './delivery/webhook-queue';
import { WebhookDeliveryEntity, WebhookEndpointEntity } from './webhook.entities';
import { WebhookFlowsService } from './webhook-flows.service';
import { WebhookResolver } from './webhook.resolver';
import { WebhookService } from './webhook.service';
import { WEBHOOKS_OPTIONS, type WebhooksOptions } from './webhooks.options';

export const webhooksEntities = [WebhookEndpointEntity, WebhookDeliveryEntity];
export const webhooksResolvers = [WebhookResolver];

/** Signed deliveries of activity to other systems (Standard Webhooks), in feed order per endpoint. */
@Module({})
export class WebhooksModule {
  static forRoot(options: WebhooksOptions): DynamicModule {
    return {
      module: WebhooksModule,
      imports: [TypeOrmModule.forFeature(webhooksEntities), GeographyModule, OrganisationsModule, NetworksModule],
      providers: [
        { provide: WEBHOOKS_OPTIONS, useValue: options },
        WebhookService,
        WebhookFlowsService,
        FeedScopeCheck,
        WebhookQueue,
        WebhookDispatcher,
        ...webhooksResolvers,
      ],
      exports: [WebhookService],
    };
  }
}
