/**
 * Calendar dates as ISO `YYYY-MM-DD` text, which compares correctly as strings. Ranges are
 * half-open, `[start, end)`, as in `governance_period` and `office_holder`; a null bound is open.
 */
export interface DateRange {
  readonly start: string | null;
  readonly end: string | null;
}

/** The date `days` after `date` (before, when negative); a calendar date has no zone, so UTC. */
export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  return (
    (a.start === null || b.end === null || a.start < b.end) && (b.start === null || a.end === null || b.start < a.end)
  );
}
