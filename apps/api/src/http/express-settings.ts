import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * Express's defaults that cost every response and serve none here: an `X-Powered-By` banner (it
 * tells an attacker the stack), and an ETag hashed over every `res.send` body, POSTed GraphQL
 * answers included, which no client can send back (a 304 is for GET). `etag` stays on (a function
 * that tags nothing) because `res.sendFile` reads it to tag files (the dashboard, the IDE's
 * assets): a browser revalidating `index.html` must compare tags, not only dates, or a rollback to
 * an older build answers 304 to a newer page. The feeds calendar apps poll tag themselves
 * (CalendarController).
 */
@Injectable()
export class ExpressSettings implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter?.getInstance<{ set(name: string, value: unknown): void }>();
    app?.set('etag', untagged);
    app?.set('x-powered-by', false);
  }
}

/** Express's `etag fn` for `res.send` bodies: no tag. */
const untagged = (): undefined => undefined;
