import { ICalCalendar, type ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { EventEntity, EventOccurrenceChangeEntity } from '../event.entities';
import { EventStatus } from '../event.enums';

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
 * process's own zone.
 */
export function icalendarOf(
  name: string,
  events: readonly EventEntity[],
  changes: readonly EventOccurrenceChangeEntity[],
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
      description: event.description,
      location: [event.venue, event.address].filter(Boolean).join(', ') || null,
      url: event.onlineUrl,
      timezone: event.timeZone,
      allDay: event.allDay,
      created: event.createdAt,
      lastModified: event.updatedAt,
    };
    const exdates = own.filter((c) => c.cancelled).map((c) => localStamp(zoned(c.originalStart), event.allDay));
    calendar.createEvent({
      ...common,
      start: zoned(event.startsAt),
      end: zoned(event.endsAt),
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
        start: zoned(moved.startsAt as Date),
        end: zoned(moved.endsAt as Date),
        status: STATUS[event.status],
      });
    }
  }
  return calendar.toString();
}

function localStamp(time: DateTime, allDay: boolean): string {
  return time.toFormat(allDay ? 'yyyyMMdd' : "yyyyMMdd'T'HHmmss");
}
