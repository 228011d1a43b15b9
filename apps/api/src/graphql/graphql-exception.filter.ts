import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost } from '@nestjs/common';
import type { Response } from 'express';
import { GqlArgumentsHost, type GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { ErrorCode, type RequestContext } from '@app/common';
import { knownFailure } from './known-failures';

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
};

/**
 * The one place resolver errors become GraphQL errors: domain errors keep their code and
 * fields; anything unexpected is logged with the request id and answered without detail.
 * Being global, it also sees HTTP failures before any resolver runs (see `catchHttp`).
 */
@Catch()
export class GraphqlExceptionFilter implements GqlExceptionFilter {
  private readonly log = new Logger('GraphQL');

  catch(exception: unknown, host: ArgumentsHost): GraphQLError | Error | undefined {
    if (host.getType() === 'http') {
      return catchHttp(exception, host);
    }
    if (exception instanceof GraphQLError) {
      return exception;
    }
    if (exception instanceof HttpException && HTTP_CODES[exception.getStatus()]) {
      return new GraphQLError(exception.message, { extensions: { code: HTTP_CODES[exception.getStatus()] } });
    }
    const requestId = GqlArgumentsHost.create(host).getContext<Partial<RequestContext> | undefined>()?.requestId;
    const known = knownFailure(exception, this.log, requestId);
    if (known) {
      return known;
    }
    this.log.error({ err: exception, requestId }, 'Unexpected error in a resolver');
    return internalError(requestId);
  }
}

/**
 * HTTP failures (body parsing, routes): not resolver errors, so not logged as such. A body over
 * the size limit gets a GraphQL-shaped 413 that GraphQL clients can read; for anything else,
 * returning the error leaves the answer to Nest's own filter.
 */
function catchHttp(exception: unknown, host: ArgumentsHost): Error | undefined {
  const status: HttpStatus | undefined = exception instanceof HttpException ? exception.getStatus() : undefined;
  if (exception instanceof HttpException && status === HttpStatus.PAYLOAD_TOO_LARGE) {
    const limit = (exception.cause as { limit?: unknown } | undefined)?.limit;
    const message =
      typeof limit === 'number' ? `Request body over the limit of ${limit} bytes` : 'Request body too large';
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(HttpStatus.PAYLOAD_TOO_LARGE)
      .json({ errors: [{ message, extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } }] });
    return undefined;
  }
  return exception instanceof Error ? exception : new Error(String(exception));
}

function internalError(requestId?: string): GraphQLError {
  return new GraphQLError('Internal server error', {
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  });
}
