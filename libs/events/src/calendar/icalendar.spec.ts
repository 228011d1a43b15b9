import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ICalCalendarMethod } from 'ical-generator';
import type { EventEntity } from '../event.entities';
import { EventStatus } from '../event.enums';
import { icalendarOf } from './icalendar';

const revised = new Date('2026-05-05T12:34:56Z');
const event = {
  id: '00000000-0000-4000-8000-000000000001',
  sequence: 2,
  title: 'Network meeting',
  description: null,
  venue: 'Newport',
  address: null,
  onlineUrl: null,
  timeZone: 'Europe/London',
  allDay: false,
  createdAt: new Date('2026-05-01T09:00:00Z'),
  updatedAt: revised,
  startsAt: new Date('2027-01-05T18:30:00Z'),
  endsAt: new Date('2027-01-05T20:30:00Z'),
  recurrenceRule: null,
  status: EventStatus.SCHEDULED,
} as unknown as EventEntity;

const stampOf = (calendar: string): string | undefined => /^DTSTAMP:(.+)$/m.exec(calendar)?.[1]?.trim();

describe('icalendarOf: DTSTAMP', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('is the last revision in a published calendar, so the feed reads the same until the event changes', () => {
    jest.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z') });
    const first = icalendarOf('Feed', [event], []);
    jest.setSystemTime(new Date('2026-12-02T11:00:00Z'));
    expect(icalendarOf('Feed', [event], [])).toBe(first);
    expect(stampOf(first)).toBe('20260505T123456Z');
  });

  it('is when an invitation (iTIP, with METHOD) is made', () => {
    jest.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z') });
    expect(stampOf(icalendarOf('Invitation', [event], [], new Map(), ICalCalendarMethod.REQUEST))).toBe(
      '20261201T100000Z',
    );
  });
});
