import { registerEnumType } from '@nestjs/graphql';

/** What a message is about: each a category a person can set to immediately, daily digest or off. */
export enum NotificationCategory {
  /** An invitation to join an organisation (sent to the address invited, always immediately). */
  ORGANISATION_INVITATION = 'ORGANISATION_INVITATION',
  /** Password resets and email confirmations: always sent, never in a digest, cannot be turned off. */
  ACCOUNT = 'ACCOUNT',
  /** Network invitations and join requests to those who must answer, and their answers. */
  NETWORK_MEMBERSHIP = 'NETWORK_MEMBERSHIP',
  /** A reminder before an event one said GOING or MAYBE to. */
  EVENT_REMINDER = 'EVENT_REMINDER',
  /** Reschedules and cancellations of events one answered, and a place at one given to you from its waitlist. */
  EVENT_CHANGE = 'EVENT_CHANGE',
  /** Drafts opened for sign-on, submissions and the commissioner's response. */
  DRAFTING = 'DRAFTING',
  /**
   * Commitments of the commissioner's office due within 7 days, and overdue ones (Europe/London
   * days), to the admins of the network's convenors and of the organisations that took part.
   */
  COMMITMENTS = 'COMMITMENTS',
  /** Everything else one may see in one's networks and areas (by default only in the daily digest). */
  NETWORK_ACTIVITY = 'NETWORK_ACTIVITY',
  /** Notices to an organisation's admins about its integrations (a webhook endpoint disabled). */
  ORGANISATION_ADMIN = 'ORGANISATION_ADMIN',
  /**
   * Scheduling polls: one opened that your organisation may answer, one you answered confirmed
   * (with the calendar entry), and a reminder before the deadline while your organisation has not answered.
   */
  POLLS = 'POLLS',
  /** Replies to your comments on a draft, and your suggested changes accepted or rejected. */
  DRAFT_FEEDBACK = 'DRAFT_FEEDBACK',
}

/** How often a person hears about a category. */
export enum NotificationFrequency {
  IMMEDIATELY = 'IMMEDIATELY',
  /** Gathered into one email a day at the person's chosen hour (Europe/London). */
  DAILY = 'DAILY',
  OFF = 'OFF',
}

/** How a message is delivered. Email only for now; the column keeps idempotency per channel. */
export enum NotificationChannel {
  EMAIL = 'EMAIL',
}

/** Defaults that do not flood: what one must act on comes at once; the rest in the digest. */
export const DEFAULT_FREQUENCY: Readonly<Record<NotificationCategory, NotificationFrequency>> = {
  [NotificationCategory.ORGANISATION_INVITATION]: NotificationFrequency.IMMEDIATELY,
  [NotificationCategory.ACCOUNT]: NotificationFrequency.IMMEDIATELY,
  [NotificationCategory.NETWORK_MEMBERSHIP]: NotificationFrequency.IMMEDIATELY,
  [NotificationCategory.EVENT_REMINDER]: NotificationFrequency.IMMEDIATELY,
  [NotificationCategory.EVENT_CHANGE]: NotificationFrequency.IMMEDIATELY,
  [NotificationCategory.DRAFTING]: NotificationFrequency.IMMEDIATELY,
  [NotificationCategory.COMMITMENTS]: NotificationFrequency.DAILY,
  [NotificationCategory.NETWORK_ACTIVITY]: NotificationFrequency.DAILY,
  [NotificationCategory.ORGANISATION_ADMIN]: NotificationFrequency.IMMEDIATELY,
  // A poll asks for an answer by a date; feedback answers what one wrote: both at once.
  [NotificationCategory.POLLS]: NotificationFrequency.IMMEDIATELY,
  [NotificationCategory.DRAFT_FEEDBACK]: NotificationFrequency.IMMEDIATELY,
};

/** Categories a person may not turn off or delay (they carry a link that is needed now). */
export const FIXED_CATEGORIES: ReadonlySet<NotificationCategory> = new Set([
  NotificationCategory.ACCOUNT,
  NotificationCategory.ORGANISATION_INVITATION,
]);

registerEnumType(NotificationCategory, { name: 'NotificationCategory', description: 'What a message is about.' });
registerEnumType(NotificationFrequency, {
  name: 'NotificationFrequency',
  description: 'How often a person hears about a category: at once, in the daily digest, or not at all.',
});
registerEnumType(NotificationChannel, { name: 'NotificationChannel', description: 'How a message is delivered.' });
