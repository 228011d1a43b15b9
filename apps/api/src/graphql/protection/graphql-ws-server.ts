import { GraphQLModule } from '@nestjs/graphql';
import type { ModuleRef } from '@nestjs/core';
import type { WebSocketServer } from 'ws';

interface WithSubscriptionServer {
  _subscriptionService?: { wss?: WebSocketServer };
}

/**
 * The `ws` server Nest builds for graphql-ws (Nest offers no option for its settings). Fails
 * start-up loudly if a Nest upgrade moves it, rather than run without what is set on it.
 */
export function graphqlWsServer(moduleRef: ModuleRef): WebSocketServer {
  const adapter = moduleRef.get(GraphQLModule, { strict: false }).graphQlAdapter as WithSubscriptionServer;
  const wss = adapter._subscriptionService?.wss;
  if (!wss?.options) {
    throw new Error('Cannot find the graphql-ws server to set its limits; check @nestjs/apollo internals');
  }
  return wss;
}
