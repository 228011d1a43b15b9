import { ActivityVerb } from '@app/activity';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@app/common';
import { EventKind, EventStatus, EventVisibility, ExceptionOutcome, RsvpAnswer, RsvpPlace } from './event.enums';

@ObjectType('Event', {
  description:
    'A meeting, PCC hustings, engagement session, consultation or training, organised by a network or an organisation.',
})
export class Event {
  @Field(() => ID, { description: 'Also its stable iCalendar UID (`<id>@convene`).' })
  id!: string;

  @Field(() => EventKind)
  kind!: EventKind;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true, description: 'Markdown.' })
  description!: string | null;

  @Field({ description: 'IANA time zone the times are read in (and a series runs in).' })
  timeZone!: string;

  @Field()
  allDay!: boolean;

  @Field({ description: 'Start of the first (or only) occurrence.' })
  startsAt!: Date;

  @Field()
  endsAt!: Date;

  @Field(() => String, { nullable: true, description: 'RFC 5545 RRULE value of a series.' })
  recurrenceRule!: string | null;

  @Field(() => String, { nullable: true })
  venue!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  onlineUrl!: string | null;

  @Field(() => Int, { nullable: true, description: 'Places per occurrence; null for no limit.' })
  capacity!: number | null;

  @Field(() => EventVisibility)
  visibility!: EventVisibility;

  @Field(() => EventStatus)
  status!: EventStatus;

  @Field(() => String, { nullable: true })
  statusReason!: string | null;

  @Field(() => Int, { description: 'iCalendar SEQUENCE: bumped on every change to the event.' })
  sequence!: number;

  @Field(() => String, { nullable: true, description: 'Markdown, recorded after the event.' })
  minutes!: string | null;

  @Field(() => Date, { nullable: true })
  minutesRecordedAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  networkId!: string | null;
  organiserOrganisationId!: string | null;
  policeForceAreaId!: string | null;
}

@ObjectType('EventOccurrence', { description: 'One happening of an event; a series has many.' })
export class EventOccurrence {
  @Field({ description: 'The start its schedule gives it; names it (iCalendar RECURRENCE-ID).' })
  originalStart!: Date;

  @Field()
  startsAt!: Date;

  @Field()
  endsAt!: Date;

  @Field()
  cancelled!: boolean;

  @Field({ description: 'Moved away from its original time.' })
  moved!: boolean;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => ID)
  eventId!: string;
}

@ObjectType('EventAgendaItem')
export class EventAgendaItem {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Order in the agenda, from 1.' })
  position!: number;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => ID, { nullable: true })
  jointPositionId!: string | null;
}

@ObjectType('EventRsvp', { description: "A person's answer for their organisation." })
export class EventRsvp {
  @Field(() => ID)
  id!: string;

  @Field(() => Date, { nullable: true, description: 'The occurrence, for a recurring event.' })
  occurrenceStart!: Date | null;

  @Field(() => RsvpAnswer)
  answer!: RsvpAnswer;

  @Field(() => RsvpPlace)
  place!: RsvpPlace;

  @Field({ description: 'When it took its place or joined the waitlist.' })
  placeSince!: Date;

  @Field()
  answeredAt!: Date;

  @Field(() => ID)
  personId!: string;

  eventId!: string;
  organisationId!: string;
}

@ObjectType('RsvpTally', { description: 'How an event (or one occurrence) stands.' })
export class RsvpTally {
  @Field(() => ID)
  eventId!: string;

  @Field(() => Date, { nullable: true })
  occurrenceStart!: Date | null;

  @Field(() => Int, { nullable: true })
  capacity!: number | null;

  @Field(() => Int, { description: 'GOING with a place.' })
  confirmed!: number;

  @Field(() => Int)
  waitlisted!: number;

  @Field(() => Int)
  maybe!: number;

  @Field(() => Int)
  declined!: number;

  @Field(() => Int, { nullable: true, description: 'Places left; null for no limit.' })
  placesLeft!: number | null;
}

@ObjectType('EventClash', {
  description: 'Another event overlapping this one: a warning, not a refusal.',
})
export class EventClash {
  @Field(() => Event)
  event!: Event;

  @Field({ description: 'The overlapping occurrence of the other event.' })
  startsAt!: Date;

  @Field()
  endsAt!: Date;

  @Field({ description: 'Which occurrence of this event it overlaps.' })
  overlapsOccurrenceStarting!: Date;

  @Field({ description: 'Why it matters, in words.' })
  reason!: string;
}

@ObjectType()
export class EventPayload {
  @Field(() => Event)
  event!: Event;

  @Field(() => [EventClash], { description: 'Overlapping events of the same network, or PCC events in the area.' })
  clashes!: EventClash[];
}

@ObjectType('RescheduledException', {
  description: 'A cancelled or moved occurrence of a rescheduled series, and what became of it.',
})
export class RescheduledException {
  @Field({ description: 'The occurrence it applied to under the old schedule.' })
  originalStart!: Date;

  @Field(() => Date, {
    nullable: true,
    description: "The new schedule's occurrence (same local day) it applies to now; null when dropped.",
  })
  newOriginalStart!: Date | null;

  @Field({ description: 'Cancelled (true) or moved (false).' })
  cancelled!: boolean;

  @Field(() => Date, { nullable: true, description: 'Where a moved occurrence is held (unchanged by rescheduling).' })
  startsAt!: Date | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => ExceptionOutcome)
  outcome!: ExceptionOutcome;
}

@ObjectType({ description: 'The rescheduled event, its clashes, and what became of its exceptions.' })
export class RescheduleEventPayload extends EventPayload {
  @Field(() => [RescheduledException], {
    description: 'Every cancelled or moved occurrence of the series: kept, moved to the same day, or dropped.',
  })
  exceptions!: RescheduledException[];
}

@ObjectType()
export class RsvpPayload {
  @Field(() => EventRsvp)
  rsvp!: EventRsvp;

  @Field(() => RsvpTally)
  tally!: RsvpTally;
}

@ObjectType('EventChange', { description: 'Something happened to an event (live).' })
export class EventChange {
  @Field(() => ActivityVerb, { description: 'What happened, e.g. EVENT_RESCHEDULED.' })
  verb!: ActivityVerb;

  @Field({ description: 'Resume the subscription after this.' })
  cursor!: string;

  @Field()
  occurredAt!: Date;

  @Field(() => Event)
  event!: Event;
}

export const EventConnection = ConnectionType(Event, 'Event');
