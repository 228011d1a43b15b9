import { describe, expect, it } from '@jest/globals';
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
});
