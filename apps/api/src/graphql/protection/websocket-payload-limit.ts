import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { graphqlWsServer } from './graphql-ws-server';
import { QUERY_LIMITS } from './query-limits';

/**
 * Nest builds the graphql-ws WebSocket server itself, with `ws`'s default 100 MiB message
 * limit and no way to configure it: lower it once the server exists.
 */
@Injectable()
export class WebSocketPayloadLimit implements OnApplicationBootstrap {
  constructor(private readonly moduleRef: ModuleRef) {}

  onApplicationBootstrap(): void {
    graphqlWsServer(this.moduleRef).options.maxPayload = QUERY_LIMITS.maxPayloadBytes;
  }
}
