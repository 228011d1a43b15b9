import { AsyncLocalStorage } from 'node:async_hooks';

const live = new AsyncLocalStorage<true>();

/**
 * Runs `work` as live-stream work: subscriptions' set-up and replays, their re-checks and the
 * fan-out's reads. What it starts (awaits, timers, callbacks) stays marked, and the database
 * serves marked work from a small pool of its own, so streams can never hold every connection
 * that requests need.
 */
export function asLiveWork<T>(work: () => T): T {
  return live.run(true, work);
}

/** Whether the caller runs on behalf of a live stream (see `asLiveWork`). */
export function isLiveWork(): boolean {
  return live.getStore() === true;
}
