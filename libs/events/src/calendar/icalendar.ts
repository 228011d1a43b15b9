import { ICalCalendar, type ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { EventEntity, EventOccurrenceChangeEntity } from '../event.entities';
import { EventStatus } from '../event.enums';
import { plainTextOf } from './plain-text';

const STATUS: Record<EventStatus, ICalEventStatus> = {
  [EventStatus.SCHEDULED]: ICalEventStatus.CONFIRMED,
  [EventStatus.POSTPONED]: ICalEventStatus.TENTATIVE,
  [EventStatus.CANCELLED]: ICalEventStatus.CANCELLED,
  [EventStatus.COMPLETED]: ICalEventStatus.CONFIRMED,
};

/** The iCalendar UID of an event: stable for its life, whatever changes. */
export const icalUid = (eventId: string): string => `${eventId}@convene`;

/**
 * Events as an RFC 5545 calendar: local times with a VTIMEZONE per zone used, the RRULE and
 * EXDATEs of a series, a VEVENT with RECURRENCE-ID per moved occurrence, SEQUENCE and STATUS.
 * Times are handed over as zoned luxon values: ical-generator formats a plain Date in the
 * process's own zone. A single start or end in the hour that a clock change repeats is written
 * in UTC: RFC 5545 reads such a local time as its first occurrence, but parsers (node-ical,
 * ical.js) read the second. DESCRIPTION is plain text (the Markdown read) and names the organiser.
 */
export function icalendarOf(
  name: string,
  events: readonly EventEntity[],
  changes: readonly EventOccurrenceChangeEntity[],
  organisers: ReadonlyMap<string, string> = new Map(),
  /** For an email invitation (iTIP): REQUEST adds or updates the entry, CANCEL removes it. */
  method?: ICalCalendarMethod,
): string {
  const calendar = new ICalCalendar({
    name,
    method: method ?? null,
    prodId: { company: 'Convene', product: 'Events', language: 'EN' },
    // No calendar-wide zone: it would drop the Z from DTSTAMP. Each event names its own.
    timezone: { name: null, generator: (zone) => tzlib_get_ical_block(zone)[0] },
  });
  for (const event of events) {
    const zoned = (instant: Date): DateTime => DateTime.fromJSDate(instant, { zone: event.timeZone });
    const own = changes.filter((c) => c.eventId === event.id);
    const common = {
      id: icalUid(event.id),
      sequence: event.sequence,
      summary: event.title,
      description: descriptionOf(event.description, organisers.get(event.id)),
      location: [event.venue, event.address].filter(Boolean).join(', ') || null,
      url: event.onlineUrl,
      timezone: event.timeZone,
      allDay: event.allDay,
      created: event.createdAt,
      lastModified: event.updatedAt,
      // RFC 5545: without METHOD, DTSTAMP is when the event was last revised, so a feed reads the
      // same (and keeps its ETag) until something changes; an iTIP message is stamped when sent.
      ...(method ? {} : { stamp: event.updatedAt }),
    };
    const exdates = own.filter((c) => c.cancelled).map((c) => localStamp(zoned(c.originalStart), event.allDay));
    calendar.createEvent({
      ...common,
      // A series keeps local times whatever: its rule recurs on the wall clock.
      ...(event.recurrenceRule
        ? { start: zoned(event.startsAt), end: zoned(event.endsAt) }
        : unambiguous(zoned(event.startsAt), zoned(event.endsAt), event.allDay)),
      status: STATUS[event.status],
      repeating: event.recurrenceRule
        ? [
            `RRULE:${event.recurrenceRule}`,
            ...(exdates.length
              ? [`EXDATE;${event.allDay ? 'VALUE=DATE' : `TZID=${event.timeZone}`}:${exdates.join(',')}`]
              : []),
          ].join('\r\n')
        : null,
    });
    for (const moved of own.filter((c) => !c.cancelled && c.startsAt && c.endsAt)) {
      calendar.createEvent({
        ...common,
        recurrenceId: zoned(moved.originalStart),
        ...unambiguous(zoned(moved.startsAt as Date), zoned(moved.endsAt as Date), event.allDay),
        status: STATUS[event.status],
      });
    }
  }
  return calendar.toString();
}

function localStamp(time: DateTime, allDay: boolean): string {
  return time.toFormat(allDay ? 'yyyyMMdd' : "yyyyMMdd'T'HHmmss");
}

/** Start and end as local times, or both in UTC when either is a local time that occurs twice. */
function unambiguous(
  start: DateTime,
  end: DateTime,
  allDay: boolean,
): { start: DateTime; end: DateTime; timezone?: null } {
  return !allDay && (repeatedLocalTime(start) || repeatedLocalTime(end))
    ? { start: start.toUTC(), end: end.toUTC(), timezone: null }
    : { start, end };
}

/** Whether the wall-clock time of `time` also names another instant (the hour a clock change repeats). */
function repeatedLocalTime(time: DateTime): boolean {
  const day = 86_400_000;
  const offsets = new Set(
    [-day, day].map((delta) => DateTime.fromMillis(time.toMillis() + delta, { zone: time.zone }).offset),
  );
  return [...offsets].some((offset) => {
    if (offset === time.offset) {
      return false;
    }
    const other = DateTime.fromMillis(time.toMillis() + (time.offset - offset) * 60_000, { zone: time.zone });
    return other.toFormat("yyyyMMdd'T'HHmmss") === time.toFormat("yyyyMMdd'T'HHmmss");
  });
}

function descriptionOf(markdown: string | null, organiser: string | undefined): string | null {
  const parts = [markdown ? plainTextOf(markdown) : '', organiser ? `Organised by ${organiser}` : ''];
  return parts.filter(Boolean).join('\n\n') || null;
}
