import { AsyncLocalStorage } from 'node:async_hooks';
import { outsideTransactionWork } from './transaction-work';

const background = new AsyncLocalStorage<true>();

/**
 * Runs `work` as background work of this instance (notifications, reminders, webhook deliveries,
 * the wake-up after a commit): it answers no request, so the SQL statement counters that measure a
 * request's cost ignore it.
 */
export function asBackgroundWork<T>(work: () => T): T {
  return background.run(true, () => outsideTransactionWork(work));
}

/** Whether the caller runs as background work (see `asBackgroundWork`). */
export function isBackgroundWork(): boolean {
  return background.getStore() === true;
}
