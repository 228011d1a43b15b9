/**
 * Shares one run of `read` among concurrent callers without ever answering a caller with a run
 * that started before it called: a caller arriving while a run is in progress waits for the next
 * one, which every caller arriving meanwhile shares. At most one run at a time (the next starts in
 * the same step that settles the last, so nobody slips in between), and each caller waits for at
 * most two; under load, one run serves all the requests of a round trip.
 */
export function freshSingleFlight<T>(read: () => Promise<T>): () => Promise<T> {
  let running = false;
  let queued: { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } | null = null;
  const start = (): Promise<T> => {
    running = true;
    const run = read();
    const next = (): void => {
      if (queued) {
        const { resolve, reject } = queued;
        queued = null;
        start().then(resolve, reject);
      } else {
        running = false;
      }
    };
    run.then(next, next);
    return run;
  };
  return () => {
    if (!running) {
      return start();
    }
    if (!queued) {
      let resolve!: (value: T) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<T>((ok, fail) => {
        resolve = ok;
        reject = fail;
      });
      queued = { promise, resolve, reject };
    }
    return queued.promise;
  };
}
