import { describe, expect, it } from '@jest/globals';
import { afterFailure, MAX_RETRY_DELAY_MS } from './retry-schedule';

const DAY = 24 * 60 * 60 * 1000;
const schedule = { baseMs: 5_000, giveUpAfterMs: 3 * DAY };
const start = new Date('2026-12-01T00:00:00Z');
const at = (ms: number): Date => new Date(start.getTime() + ms);
const middle = (): number => 0.5; // no jitter

describe('afterFailure', () => {
  it('doubles the wait after each failure, up to an hour', () => {
    const waits = [1, 2, 3, 4, 10, 20].map((failures) => {
      const next = afterFailure(schedule, failures, start, start, middle);
      return next.giveUp ? null : next.nextAttemptAt.getTime() - start.getTime();
    });
    expect(waits).toEqual([5_000, 10_000, 20_000, 40_000, 2_560_000, MAX_RETRY_DELAY_MS]);
  });

  it('jitters within ±10 %', () => {
    const low = afterFailure(schedule, 1, start, start, () => 0);
    const high = afterFailure(schedule, 1, start, start, () => 1);
    expect(low.giveUp || low.nextAttemptAt.getTime() - start.getTime()).toBe(4_500);
    expect(high.giveUp || high.nextAttemptAt.getTime() - start.getTime()).toBe(5_500);
  });

  it('makes the last attempt at the end of the window, then gives up', () => {
    const late = afterFailure(schedule, 80, start, at(3 * DAY - 60_000), middle);
    expect(late).toEqual({ giveUp: false, nextAttemptAt: at(3 * DAY) });
    expect(afterFailure(schedule, 81, start, at(3 * DAY), middle)).toEqual({ giveUp: true });
  });

  it('retries for about 3 days in some 80 attempts', () => {
    let failures = 0;
    let now = start;
    for (;;) {
      failures++;
      const next = afterFailure(schedule, failures, start, now, middle);
      if (next.giveUp) {
        break;
      }
      now = next.nextAttemptAt;
    }
    expect(now).toEqual(at(3 * DAY));
    expect(failures).toBeGreaterThan(70);
    expect(failures).toBeLessThan(90);
  });
});
