/** Today's calendar date (`YYYY-MM-DD`) in a time zone; UK rules change on local dates. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** Building a formatter costs far more than using one (it loads the zone's rules). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export const UK_TIME_ZONE = 'Europe/London';
