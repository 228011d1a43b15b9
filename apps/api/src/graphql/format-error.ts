import { unwrapResolverError } from '@apollo/server/errors';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { databaseErrorSummary, databaseRefusal, DomainError, ErrorCode } from '@app/common';
import { isDatabaseUnavailable } from '@app/database';

const log = new Logger('GraphQL');

/**
 * Last line of defence before a response. GraphQL errors with a code (ours from the
 * exception filter, or GraphQL's own for parse, validation and variables) go out without
 * a stack trace; anything else is logged and masked.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  if (original instanceof GraphQLError && typeof extensions.code === 'string') {
    return { ...formatted, extensions };
  }
  // Nest's exception filter does not run for field resolvers: their domain errors arrive here as thrown.
  const refusal = original instanceof DomainError ? original : databaseRefusal(original);
  if (refusal && refusal !== original) {
    log.warn(databaseErrorSummary(original), 'The database refused a change no service check caught');
  }
  if (refusal) {
    return {
      message: refusal.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: refusal.code, ...(refusal.fields.length ? { fields: refusal.fields } : {}) },
    };
  }
  if (isDatabaseUnavailable(original)) {
    return {
      message: 'The database is unavailable; retry shortly',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  log.error({ err: original }, 'Unexpected error outside a resolver');
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
