import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';

type ApolloLogger = NonNullable<ApolloDriverConfig['logger']>;

/**
 * Apollo's own messages (an unexpected error processing a request, an operation received during
 * shutdown) through Nest's logger, so pino writes them as JSON lines like every other: by default
 * Apollo prints plain text to the console.
 */
export function apolloLogger(): ApolloLogger {
  const log = new Logger('Apollo');
  return {
    debug: (message: unknown) => log.debug(message),
    info: (message: unknown) => log.log(message),
    warn: (message: unknown) => log.warn(message),
    error: (message: unknown) => log.error(message),
  };
}
