import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { AppConfig } from '../config/app-config';

/**
 * Keeps idle keep-alive connections open longer than the clients and proxies in front of us do.
 * Node closes them after 5 s, which races a client (or a load balancer, usually 60 s idle)
 * sending its next request on the same socket: that request fails with ECONNRESET or a 502.
 * Headers must be allowed a little longer than the keep-alive, or Node drops such sockets early.
 */
@Injectable()
export class HttpServerTimeouts implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) {
      return;
    }
    server.keepAliveTimeout = this.config.HTTP_KEEP_ALIVE_TIMEOUT_MS;
    server.headersTimeout = this.config.HTTP_KEEP_ALIVE_TIMEOUT_MS + 1_000;
  }
}
