import { errorChain } from '@app/common';

/**
 * SQLSTATE classes and codes that mean "the server is not there right now", not "the query
 * was wrong": connection exceptions (08…), and a server shutting down, crashed or starting.
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
/** node-postgres and its pool say these in plain words, without a code. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|not queryable|Query read timeout/i;

/**
 * Whether an error (TypeORM's, node-postgres's, or one wrapping them) says PostgreSQL cannot be
 * reached, so a client should retry later rather than be told it made a mistake.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return errorChain(error).some((link) => {
    const { code } = link as { code?: unknown };
    return (
      (typeof code === 'string' &&
        (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08'))) ||
      UNAVAILABLE_MESSAGES.test(link.message)
    );
  });
}
