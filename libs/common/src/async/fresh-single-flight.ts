/**
 * Shares one run of `read` among concurrent callers without ever answering a caller with a run
 * that started before it called: a caller arriving while a run is in progress waits for the next
 * one, which every caller arriving meanwhile shares. At most one run at a time, each caller waits
 * for at most two; under load, one run serves all the requests of a round trip.
 */
export function freshSingleFlight<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let queued: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const run: Promise<T> = read().finally(() => {
      if (running === run) {
        running = null;
      }
    });
    running = run;
    return run;
  };
  const startQueued = (): Promise<T> => {
    queued = null;
    return start();
  };
  return () => {
    if (!running) {
      return start();
    }
    queued ??= running.then(startQueued, startQueued);
    return queued;
  };
}
