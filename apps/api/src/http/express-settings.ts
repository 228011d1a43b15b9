import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * Express's defaults that cost every response and serve none here: an `X-Powered-By` banner (it
 * tells an attacker the stack), and an ETag hashed over every body, POSTed GraphQL answers
 * included, which no client can send back (a 304 is for GET). The feeds that calendar apps poll
 * set their own tag (CalendarController); static files get theirs from `send`.
 */
@Injectable()
export class ExpressSettings implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter?.getInstance<{ set(name: string, value: unknown): void }>();
    app?.set('etag', false);
    app?.set('x-powered-by', false);
  }
}
