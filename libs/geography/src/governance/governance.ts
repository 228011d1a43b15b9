/** A dated period, `since` inclusive and `until` exclusive; null bounds are open. */
export interface DatedPeriod {
  readonly since: string | null;
  readonly until: string | null;
}

/** The period in force on `date` (ISO `YYYY-MM-DD` strings compare correctly as text). */
export function periodOn<T extends DatedPeriod>(periods: readonly T[], date: string): T | null {
  return periods.find((p) => (p.since === null || p.since <= date) && (p.until === null || date < p.until)) ?? null;
}
