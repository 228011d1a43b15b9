import { describe, expect, it } from '@jest/globals';
import { freshSingleFlight } from './fresh-single-flight';

/** A read whose runs are finished by hand, in order. */
function controlledRead() {
  const runs: { resolve: (value: number) => void; reject: (error: Error) => void }[] = [];
  const read = () => new Promise<number>((resolve, reject) => runs.push({ resolve, reject }));
  return { runs, read };
}
const settle = () => new Promise((done) => setImmediate(done));

describe('freshSingleFlight', () => {
  it('runs at once when idle, and shares the next run among callers arriving while one runs', async () => {
    const { runs, read } = controlledRead();
    const current = freshSingleFlight(read);
    const first = current();
    const second = current(); // arrived while the first run is in progress
    const third = current();
    expect(runs).toHaveLength(1);
    runs[0]?.resolve(1);
    expect(await first).toBe(1);
    await settle();
    expect(runs).toHaveLength(2); // the queued run starts only now, after they called
    runs[1]?.resolve(2);
    expect([await second, await third]).toEqual([2, 2]);
  });

  it('never answers a caller with a run that started before it called', async () => {
    const { runs, read } = controlledRead();
    const current = freshSingleFlight(read);
    const early = current();
    const late = current();
    runs[0]?.resolve(1);
    await settle();
    const later = current(); // the second run is in progress: this waits for a third
    runs[1]?.resolve(2);
    expect(await late).toBe(2);
    await settle();
    expect(runs).toHaveLength(3);
    runs[2]?.resolve(3);
    expect([await early, await later]).toEqual([1, 3]);
  });

  it('lets a failed run fail its own callers only, and starts afresh', async () => {
    const { runs, read } = controlledRead();
    const current = freshSingleFlight(read);
    const failing = current();
    const queued = current();
    runs[0]?.reject(new Error('connection lost'));
    await expect(failing).rejects.toThrow('connection lost');
    await settle();
    runs[1]?.resolve(7);
    expect(await queued).toBe(7);
    const next = current();
    expect(runs).toHaveLength(3);
    runs[2]?.resolve(8);
    expect(await next).toBe(8);
  });

  it('never has two runs at once, whatever step between one ending and the next starting a caller arrives in', async () => {
    let inFlight = 0;
    let most = 0;
    const pending: (() => void)[] = [];
    const current = freshSingleFlight(
      () =>
        new Promise<number>((resolve) => {
          most = Math.max(most, ++inFlight);
          pending.push(() => {
            inFlight--;
            resolve(most);
          });
        }),
    );
    const answers: Promise<number>[] = [current(), current()];
    for (let step = 0; step < 8; step++) {
      pending.shift()?.();
      for (let tick = 0; tick < 6; tick++) {
        answers.push(current()); // arriving at every microtask step around a run's end
        await Promise.resolve();
      }
    }
    while (pending.length) {
      pending.shift()?.();
      await settle();
    }
    await Promise.all(answers);
    expect(most).toBe(1);
  });
});
