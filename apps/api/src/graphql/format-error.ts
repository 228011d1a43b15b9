import { unwrapResolverError } from '@apollo/server/errors';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '@app/common';
import { knownFailure } from './known-failures';

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
  // Nest's exception filter does not run for field resolvers: their errors arrive here as thrown.
  const known = knownFailure(original, log);
  if (known) {
    // `http` sets the status over HTTP; it is not for the client to read.
    const { http: _http, ...knownExtensions } = known.extensions;
    return {
      message: known.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: knownExtensions,
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
