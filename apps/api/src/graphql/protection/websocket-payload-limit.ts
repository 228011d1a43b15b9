import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ModuleRef } from '@nestjs/core';
import { QUERY_LIMITS } from './query-limits';

interface WithSubscriptionServer {
  _subscriptionService?: { wss?: { options?: { maxPayload?: number } } };
}

/**
 * Nest builds the graphql-ws WebSocket server itself, with `ws`'s default 100 MiB message
 * limit and no way to configure it. Lower it once the server exists; fail start-up loudly
 * if a Nest upgrade moves it, rather than run without the limit.
 */
@Injectable()
export class WebSocketPayloadLimit implements OnApplicationBootstrap {
  constructor(private readonly moduleRef: ModuleRef) {}

  onApplicationBootstrap(): void {
    const adapter = this.moduleRef.get(GraphQLModule, { strict: false }).graphQlAdapter as WithSubscriptionServer;
    const options = adapter._subscriptionService?.wss?.options;
    if (!options) {
      throw new Error('Cannot find the graphql-ws server to cap its message size; check @nestjs/apollo internals');
    }
    options.maxPayload = QUERY_LIMITS.maxPayloadBytes;
  }
}
