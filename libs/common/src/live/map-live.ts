import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors/error-code';
/**
 * A live stream mapped item by item (`undefined` skips an item). Unlike an async generator,
 * `return()` reaches the source at once, even while a `next()` is waiting on it, so a client
 * unsubscribing frees the source immediately rather than at its next item.
 */
export function mapLive<T, U>(
  source: AsyncIterator<T>,
  map: (item: T) => Promise<U | undefined> | U | undefined,
): AsyncIterableIterator<U> {
  const close = async (): Promise<IteratorResult<U>> => {
    await source.return?.();
    return { value: undefined, done: true };
  };
  return {
    async next(): Promise<IteratorResult<U>> {
      for (;;) {
        const item = await source.next();
        if (item.done) {
          return { value: undefined, done: true };
        }
        let value: U | undefined;
        try {
          value = await map(item.value);
        } catch (error) {
          await source.return?.();
          throw error;
        }
        if (value !== undefined) {
          return { value, done: false };
        }
      }
    },
    return: close,
    async throw(error?: unknown): Promise<IteratorResult<U>> {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** A live stream that first yields `first`, then the rest (e.g. a tally now, then as it changes). */
export function startWith<T>(first: T, rest: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
  let pending = true;
  return {
    next(): Promise<IteratorResult<T>> {
      if (pending) {
        pending = false;
        return Promise.resolve({ value: first, done: false });
      }
      return rest.next();
    },
    return: () => rest.return?.() ?? Promise.resolve({ value: undefined, done: true }),
    throw: (error?: unknown) =>
      rest.throw?.(error) ?? Promise.reject(error instanceof Error ? error : new Error(String(error))),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * The error that ends a live stream once the subscriber may no longer follow it. Thrown while the
 * stream runs, it reaches graphql-ws without Nest's exception filter, so it is a GraphQL error
 * carrying its code itself.
 */
export function noLongerAllowed(what: string): GraphQLError {
  return new GraphQLError(`You may no longer follow this ${what}`, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** The error that ends a live stream once the credentials it was opened with have ended. */
export function credentialsEnded(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}
