import { monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/** What a call answered and the longest the event loop was held while it ran. */
export interface Measured<T> {
  readonly result: T;
  /** Longest single delay of the event loop during the call, in milliseconds, GC pauses included. */
  readonly maxDelayMs: number;
  /** Garbage-collection pauses during the call, in milliseconds, all together. */
  readonly gcPauseMs: number;
  /**
   * The longest delay less the GC pauses: what the call's own work held the loop for, at least.
   * A mark-compact of the test process's heap (the whole suite's, up to the worker's memory limit)
   * can pause it for half a second whatever the request did, so stalls are judged on this.
   */
  readonly blockedMs: number;
  /**
   * CPU time of the thread running the event loop during the call (user + system; the whole
   * process's where Node cannot tell a thread's, before 23.9). A block of the loop longer than this
   * was not the call computing: the machine ran other work (other test workers, this process's
   * garbage-collection threads marking a large heap) instead of the loop, or the loop waited in a
   * synchronous system call, which the hostile-input tests do not look for.
   */
  readonly cpuMs: number;
  /** What the call held the loop for at most as its own work: the less of `blockedMs` and `cpuMs`. */
  readonly heldMs: number;
}

/**
 * Runs `call` while sampling the event loop every 10 ms and reports the longest delay seen. The
 * server runs in this process in end-to-end tests, so a request that blocks it shows here.
 */
export async function measureEventLoopDelay<T>(call: () => Promise<T>): Promise<Measured<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const pauses: PerformanceEntry[] = [];
  const gc = new PerformanceObserver((list) => pauses.push(...list.getEntries()));
  gc.observe({ entryTypes: ['gc'] });
  histogram.enable();
  const cpuBefore = loopThreadCpu();
  try {
    const result = await call();
    // One more turn so a block at the very end is sampled too (and its GC entries delivered).
    await new Promise((resolve) => setTimeout(resolve, 20));
    const cpu = loopThreadCpu(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const maxDelayMs = histogram.max / 1e6;
    const gcPauseMs = pauses.reduce((sum, entry) => sum + entry.duration, 0);
    const blockedMs = Math.max(0, maxDelayMs - gcPauseMs);
    return { result, maxDelayMs, gcPauseMs, blockedMs, cpuMs, heldMs: Math.min(blockedMs, cpuMs) };
  } finally {
    histogram.disable();
    gc.disconnect();
  }
}

/** The event loop's thread's CPU (`process.threadCpuUsage`, Node 23.9+), else the whole process's. */
function loopThreadCpu(since?: NodeJS.CpuUsage): NodeJS.CpuUsage {
  const thread = (process as { threadCpuUsage?: (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage }).threadCpuUsage;
  return thread ? thread.call(process, since) : process.cpuUsage(since);
}
