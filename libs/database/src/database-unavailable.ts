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
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|not queryable/i;

/**
 * Whether an error (TypeORM's, node-postgres's, or one wrapping them) says PostgreSQL cannot be
 * reached, so a client should retry later rather than be told it made a mistake.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) {
    return false;
  }
  const { code } = error as { code?: unknown };
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08'))
  ) {
    return true;
  }
  if (UNAVAILABLE_MESSAGES.test(error.message)) {
    return true;
  }
  const wrapped = (error as { driverError?: unknown }).driverError ?? error.cause;
  if (wrapped !== undefined && wrapped !== error && isDatabaseUnavailable(wrapped, depth + 1)) {
    return true;
  }
  return error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e, depth + 1));
}
