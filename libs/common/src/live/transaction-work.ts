import { AsyncLocalStorage } from 'node:async_hooks';

const transaction = new AsyncLocalStorage<true>();

/**
 * Runs `work` as the body of a transaction that holds a pool connection: what it reads beside the
 * transaction (another context's service) takes a connection from a pool of its own
 * (`pgWithLivePool`), so transactions filling the main pool cannot all wait for a second one.
 */
export function asTransactionWork<T>(work: () => T): T {
  return transaction.run(true, work);
}

/** Whether the caller runs in a transaction's body (see `asTransactionWork`). */
export function isTransactionWork(): boolean {
  return transaction.getStore() === true;
}
