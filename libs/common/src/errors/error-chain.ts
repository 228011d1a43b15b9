/**
 * An error and what it wraps, outermost first: TypeORM's `driverError` (else the standard
 * `cause`), and each error of an AggregateError (node-postgres tries every address of a host),
 * to `maxDepth` levels. Anything that is not an Error ends the chain.
 */
export function errorChain(error: unknown, maxDepth = 4): Error[] {
  if (!(error instanceof Error) || maxDepth < 0) {
    return [];
  }
  const wrapped = (error as { driverError?: unknown }).driverError ?? error.cause;
  return [
    error,
    ...(wrapped !== error ? errorChain(wrapped, maxDepth - 1) : []),
    ...(error instanceof AggregateError ? error.errors.flatMap((inner) => errorChain(inner, maxDepth - 1)) : []),
  ];
}
