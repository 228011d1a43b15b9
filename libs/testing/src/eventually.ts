export interface EventuallyOptions {
  /** How long the condition may take; generous, as a busy machine is slow (default 20 s). */
  readonly timeoutMs?: number;
  /** Pause between probes (default 25 ms). */
  readonly intervalMs?: number;
  /** What is awaited, for the failure message. */
  readonly what?: string;
}

/**
 * Waits for a condition instead of sleeping a fixed time: probes until `probe` answers something
 * other than undefined (which it returns), and fails after the deadline with the last error.
 */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  { timeoutMs = 20_000, intervalMs = 25, what = 'a condition' }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`Waited ${timeoutMs} ms for ${what}${cause}`, { cause: lastError });
    }
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}
