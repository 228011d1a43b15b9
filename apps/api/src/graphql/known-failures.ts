import type { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { databaseErrorSummary, databaseRefusal, DomainError, ErrorCode } from '@app/common';
import { isDatabaseUnavailable } from '@app/database';

/**
 * The GraphQL error for a failure a client can be told about: a domain error with its code, reason
 * and fields, PostgreSQL out of reach (503, retry), or a refusal by the database that no service check
 * caught. Undefined for anything else, which stays an internal error. Shared by the exception filter
 * (root resolvers) and `formatError` (field resolvers and WebSocket items).
 */
export function knownFailure(error: unknown, log: Logger, requestId?: string): GraphQLError | undefined {
  if (error instanceof DomainError) {
    return domainFailure(error);
  }
  if (isDatabaseUnavailable(error)) {
    log.warn({ err: error, requestId }, 'PostgreSQL unavailable');
    return serviceUnavailable();
  }
  const refusal = databaseRefusal(error);
  if (refusal) {
    // Truthful to the client, but a service should have said it first, naming the field.
    log.warn({ ...databaseErrorSummary(error), requestId }, 'The database refused a change no service check caught');
    return domainFailure(refusal);
  }
  return undefined;
}

function domainFailure(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: error.code, reason: error.reason, ...(error.fields.length ? { fields: error.fields } : {}) },
  });
}

/** PostgreSQL cannot be reached: nothing was acknowledged, the client may retry (HTTP 503). */
function serviceUnavailable(): GraphQLError {
  return new GraphQLError('The database is unavailable; retry shortly', {
    extensions: {
      code: ErrorCode.SERVICE_UNAVAILABLE,
      http: { status: 503, headers: new Map([['retry-after', '1']]) },
    },
  });
}
