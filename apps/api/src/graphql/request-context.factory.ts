import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestLoaders, type RequestContext } from '@app/common';

interface HttpContextArgs {
  readonly req?: IncomingMessage & { id?: unknown };
}

/**
 * Builds the context of one GraphQL operation. Over HTTP the request id is pino-http's
 * (echoed as `x-request-id`); over WebSocket each operation gets its own.
 */
export function createRequestContext(args: HttpContextArgs | undefined): RequestContext {
  const id = args?.req?.id;
  return {
    requestId: typeof id === 'string' ? id : randomUUID(),
    loaders: new RequestLoaders(),
  };
}
