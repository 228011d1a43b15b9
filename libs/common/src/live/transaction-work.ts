import { AsyncLocalStorage } from 'node:async_hooks';

/** Open while the body runs: what it leaves behind (a timer, a shared promise) is not the body after it settles. */
const transaction = new AsyncLocalStorage<{ open: boolean }>();

/**
 * Runs `work` as the body of a transaction that holds a pool connection: what it reads beside the
 * transaction (another context's service) takes a connection from a pool of its own
 * (`pgWithLivePool`), so transactions filling the main pool cannot all wait for a second one.
 */
export async function asTransactionWork<T>(work: () => Promise<T>): Promise<T> {
  const scope = { open: true };
  try {
    return await transaction.run(scope, work);
  } finally {
    scope.open = false;
  }
}

/** Whether the caller runs in a transaction's body (see `asTransactionWork`). */
export function isTransactionWork(): boolean {
  return transaction.getStore()?.open === true;
}

/** Runs `work` outside any transaction's body (background work a body starts runs on its own). */
export function outsideTransactionWork<T>(work: () => T): T {
  return transaction.exit(work);
}
