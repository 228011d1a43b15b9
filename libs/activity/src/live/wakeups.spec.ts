import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { coalesced } from './wakeups';

describe('coalesced wake-ups', () => {
  it('sends one wake-up for a burst, plus one for whatever came while it was in flight', async () => {
    let sent = 0;
    let release: () => void = () => undefined;
    const sut = coalesced(
      () =>
        new Promise<void>((resolve) => {
          sent++;
          release = resolve;
        }),
    );
    const burst = [sut(), sut(), sut(), sut()];
    expect(sent).toBe(1);
    release(); // the first completes; the three that waited share one more
    await new Promise((done) => setImmediate(done));
    expect(sent).toBe(2);
    release();
    await Promise.all(burst);
    expect(sent).toBe(2);
    void sut();
    expect(sent).toBe(3); // idle again: the next commit wakes at once
    release();
  });

  describe('with a cool-down', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('sends at once when idle, then at most one wake-up per cool-down for a steady stream of commits', async () => {
      jest.useFakeTimers();
      let sent = 0;
      const sut = coalesced(async () => {
        sent++;
        await Promise.resolve();
      }, 5);
      void sut();
      expect(sent).toBe(1); // an idle instance wakes at once
      for (let ms = 0; ms < 20; ms++) {
        void sut(); // a commit every millisecond
        await jest.advanceTimersByTimeAsync(1);
      }
      expect(sent).toBe(5); // 20 ms of commits: at 0, 5, 10, 15 and 20 ms, not 21 wake-ups
      await jest.advanceTimersByTimeAsync(5); // the last cool-down ends
      const settled = sent;
      await jest.advanceTimersByTimeAsync(50);
      expect(sent).toBe(settled); // nothing more without new commits
      void sut();
      expect(sent).toBe(settled + 1); // idle again: the next commit wakes at once
    });

    it('still wakes for a commit that arrived during the cool-down, after it', async () => {
      jest.useFakeTimers();
      let sent = 0;
      const sut = coalesced(async () => {
        sent++;
        await Promise.resolve();
      }, 5);
      void sut();
      await jest.advanceTimersByTimeAsync(1);
      void sut();
      await jest.advanceTimersByTimeAsync(3);
      expect(sent).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(sent).toBe(2);
    });
  });
});
