import { monitorEventLoopDelay } from 'node:perf_hooks';

/** What a call answered and the longest the event loop was held while it ran. */
export interface Measured<T> {
  readonly result: T;
  /** Longest single delay of the event loop during the call, in milliseconds. */
  readonly maxDelayMs: number;
}

/**
 * Runs `call` while sampling the event loop every 10 ms and reports the longest delay seen. The
 * server runs in this process in end-to-end tests, so a request that blocks it shows here.
 */
export async function measureEventLoopDelay<T>(call: () => Promise<T>): Promise<Measured<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const result = await call();
    // One more turn so a block at the very end is sampled too.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { result, maxDelayMs: histogram.max / 1e6 };
  } finally {
    histogram.disable();
  }
}
