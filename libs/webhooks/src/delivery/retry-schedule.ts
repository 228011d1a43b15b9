/** The longest wait between two attempts, however many failed. */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

export interface RetrySchedule {
  /** The wait after the first failure; doubled after each further one (WEBHOOK_RETRY_BASE_MS). */
  readonly baseMs: number;
  /** How long an endpoint may keep failing before it is disabled (3 days by default). */
  readonly giveUpAfterMs: number;
}

/**
 * What follows a failed attempt: the next attempt (exponential backoff, ±10 % jitter so that
 * endpoints failing together do not retry in step, capped at an hour) or, once the endpoint
 * has failed for the whole window, giving up. The last attempt falls at the window's end.
 */
export function afterFailure(
  schedule: RetrySchedule,
  failures: number,
  firstFailedAt: Date,
  now: Date,
  random: () => number = Math.random,
): { readonly giveUp: true } | { readonly giveUp: false; readonly nextAttemptAt: Date } {
  const end = firstFailedAt.getTime() + schedule.giveUpAfterMs;
  if (now.getTime() >= end) {
    return { giveUp: true };
  }
  const exponential = schedule.baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30);
  const delay = Math.min(exponential, Math.max(MAX_RETRY_DELAY_MS, schedule.baseMs)) * (0.9 + 0.2 * random());
  return { giveUp: false, nextAttemptAt: new Date(Math.min(now.getTime() + Math.round(delay), end)) };
}
