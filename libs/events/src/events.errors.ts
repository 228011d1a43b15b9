import type { RefusalDescriptions } from '@app/common';

/** Why the events context refuses: events, RSVPs, polls, exports. */
export enum EventRefusal {
  EVENT_OVER = 'EVENT_OVER',
  EVENT_NOT_SCHEDULED = 'EVENT_NOT_SCHEDULED',
  EVENT_STARTED = 'EVENT_STARTED',
  EVENT_NOT_STARTED = 'EVENT_NOT_STARTED',
  RESCHEDULE_INSTEAD = 'RESCHEDULE_INSTEAD',
  OCCURRENCE_CANCELLED = 'OCCURRENCE_CANCELLED',
  MEMBERS_ONLY_NEEDS_NETWORK = 'MEMBERS_ONLY_NEEDS_NETWORK',
  IN_THE_PAST = 'IN_THE_PAST',
  POLL_NOT_OPEN = 'POLL_NOT_OPEN',
  NOT_AN_ORGANISER = 'NOT_AN_ORGANISER',
  PLACES_ALREADY_TAKEN = 'PLACES_ALREADY_TAKEN',
  OBSERVER_CANNOT_ANSWER = 'OBSERVER_CANNOT_ANSWER',
  POLL_DEADLINE_PASSED = 'POLL_DEADLINE_PASSED',
}

export const EVENT_REFUSALS: RefusalDescriptions<EventRefusal> = {
  EVENT_OVER: 'The event is cancelled or completed, so it cannot be changed that way.',
  EVENT_NOT_SCHEDULED: 'The event is not scheduled (postponed, cancelled or completed), so it takes no answers.',
  EVENT_STARTED: 'The event or the occurrence has already started.',
  EVENT_NOT_STARTED: 'The event has not taken place yet (it cannot be completed, nor have minutes).',
  RESCHEDULE_INSTEAD: 'A postponed event is scheduled again by rescheduling it, not by setting its status.',
  OCCURRENCE_CANCELLED: 'That occurrence of the series is cancelled.',
  MEMBERS_ONLY_NEEDS_NETWORK: 'Only a network event can be for its members only.',
  IN_THE_PAST: 'The time given is in the past.',
  POLL_NOT_OPEN: 'The scheduling poll is closed or decided, so it cannot be changed that way.',
  NOT_AN_ORGANISER: "Only the event's organisers may do this.",
  PLACES_ALREADY_TAKEN: 'More places are already confirmed than the capacity asked for: free places first.',
  OBSERVER_CANNOT_ANSWER: 'An observer organisation sees a poll but does not answer it.',
  POLL_DEADLINE_PASSED: "The poll's deadline has passed: it takes no more answers.",
};

declare module '@app/common' {
  interface RefusalReasons {
    events: EventRefusal;
  }
}
