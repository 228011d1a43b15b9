import { registerEnumType } from '@nestjs/graphql';

export enum EventKind {
  NETWORK_MEETING = 'NETWORK_MEETING',
  PCC_HUSTINGS = 'PCC_HUSTINGS',
  PCC_ENGAGEMENT = 'PCC_ENGAGEMENT',
  CONSULTATION = 'CONSULTATION',
  TRAINING = 'TRAINING',
  OTHER = 'OTHER',
}

export enum EventVisibility {
  PUBLIC = 'PUBLIC',
  NETWORK = 'NETWORK',
}

export enum EventStatus {
  SCHEDULED = 'SCHEDULED',
  POSTPONED = 'POSTPONED',
  CANCELLED = 'CANCELLED',
  COMPLETED = 'COMPLETED',
}

export enum RsvpAnswer {
  GOING = 'GOING',
  MAYBE = 'MAYBE',
  DECLINED = 'DECLINED',
}

/** Whether a GOING answer holds a place; MAYBE and DECLINED hold none. */
export enum RsvpPlace {
  CONFIRMED = 'CONFIRMED',
  WAITLISTED = 'WAITLISTED',
  NONE = 'NONE',
}

/** What rescheduling a series did with one of its exceptions (a cancelled or moved occurrence). */
export enum ExceptionOutcome {
  KEPT = 'KEPT',
  MOVED = 'MOVED',
  DROPPED = 'DROPPED',
}

/** Kinds that concern the commissioner: they clash with any event of their area, not only their network's. */
export const PCC_EVENT_KINDS = [EventKind.PCC_HUSTINGS, EventKind.PCC_ENGAGEMENT] as const;

/** Status moves an organiser may make; CANCELLED and COMPLETED are final. */
export const EVENT_STATUS_MOVES: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  [EventStatus.SCHEDULED]: [EventStatus.POSTPONED, EventStatus.CANCELLED, EventStatus.COMPLETED],
  [EventStatus.POSTPONED]: [EventStatus.SCHEDULED, EventStatus.CANCELLED],
  [EventStatus.CANCELLED]: [],
  [EventStatus.COMPLETED]: [],
};

registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'What sort of event it is.',
  valuesMap: {
    NETWORK_MEETING: { description: "A meeting of a local network's members." },
    PCC_HUSTINGS: { description: 'Candidates for police and crime commissioner questioned in public.' },
    PCC_ENGAGEMENT: { description: "A session with the commissioner or the commissioner's office." },
    CONSULTATION: { description: 'A consultation event (e.g. on the police and crime plan).' },
    TRAINING: { description: 'Training or learning.' },
    OTHER: { description: 'Anything else.' },
  },
});
registerEnumType(EventVisibility, {
  name: 'EventVisibility',
  description: 'Who may see an event.',
  valuesMap: {
    PUBLIC: { description: 'Anyone, and public calendar feeds.' },
    NETWORK: { description: "People of the network's active member organisations (network events only)." },
  },
});
registerEnumType(EventStatus, {
  name: 'EventStatus',
  valuesMap: {
    SCHEDULED: { description: 'Going ahead as planned.' },
    POSTPONED: { description: 'Off for now; rescheduling makes it SCHEDULED again.' },
    CANCELLED: { description: 'Not happening (final).' },
    COMPLETED: { description: 'Happened (final); minutes may follow.' },
  },
});
registerEnumType(RsvpAnswer, { name: 'RsvpAnswer', description: 'An answer to an invitation to attend.' });
registerEnumType(RsvpPlace, {
  name: 'RsvpPlace',
  description: 'Whether an answer holds a place.',
  valuesMap: {
    CONFIRMED: { description: 'GOING, with a place.' },
    WAITLISTED: { description: 'GOING, waiting for a place; promoted in order when one frees.' },
    NONE: { description: 'MAYBE or DECLINED.' },
  },
});
registerEnumType(ExceptionOutcome, {
  name: 'ExceptionOutcome',
  description: 'What rescheduling a series did with a cancelled or moved occurrence, matched by local day.',
  valuesMap: {
    KEPT: { description: 'Still applies to the same occurrence (same original start).' },
    MOVED: {
      description:
        "Follows its day: now applies to the new schedule's occurrence on that local day (a new originalStart).",
    },
    DROPPED: { description: 'The new schedule has no occurrence on that day, so the exception no longer applies.' },
  },
});
