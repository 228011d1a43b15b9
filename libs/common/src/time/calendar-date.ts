/** Today's calendar date (`YYYY-MM-DD`) in a time zone; UK rules change on local dates. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export const UK_TIME_ZONE = 'Europe/London';
