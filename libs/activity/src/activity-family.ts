import { ActivityVerb } from './activity.enums';

/**
 * A family of domain state with its own data version: the count of visible activity of its verbs.
 * A family's data changes only in transactions that append activity of one of its verbs (the
 * outbox), so an answer that read only some families stays right while their versions stay put.
 */
export enum ActivityFamily {
  /** Areas, local authorities, community safety partnerships: reference data, no verbs (seeds and migrations). */
  GEOGRAPHY = 'GEOGRAPHY',
  /** Organisations, what they serve, specialisms. */
  ORGANISATIONS = 'ORGANISATIONS',
  /** People, invitations, API tokens, webhook endpoints. */
  IDENTITY = 'IDENTITY',
  /** Local networks, memberships, roles. */
  NETWORKS = 'NETWORKS',
  /** Coverage priorities (the figures themselves derive from other families: see the dependencies). */
  COVERAGE = 'COVERAGE',
  /** Events, RSVPs, polls, calendar feeds. */
  EVENTS = 'EVENTS',
  /** Joint positions: sections, comments, suggestions, sign-ons, submissions. */
  DRAFTING = 'DRAFTING',
  /** Offices and office holders, governance, elections, plans, engagements, commitments, evidence. */
  INFLUENCING = 'INFLUENCING',
}

export const ACTIVITY_FAMILIES: readonly ActivityFamily[] = Object.values(ActivityFamily);

/**
 * Which family each verb's writes belong to: the family whose data the writing transaction
 * changes. Exhaustive on purpose: a new verb fails the typecheck until it is classified.
 */
export const VERB_FAMILY: Readonly<Record<ActivityVerb, ActivityFamily>> = {
  [ActivityVerb.ORGANISATION_CREATED]: ActivityFamily.ORGANISATIONS,
  [ActivityVerb.ORGANISATION_UPDATED]: ActivityFamily.ORGANISATIONS,
  [ActivityVerb.ORGANISATION_ARCHIVED]: ActivityFamily.ORGANISATIONS,
  [ActivityVerb.ORGANISATION_VERIFIED]: ActivityFamily.ORGANISATIONS,
  [ActivityVerb.ORGANISATION_VERIFICATION_WITHDRAWN]: ActivityFamily.ORGANISATIONS,
  [ActivityVerb.SPECIALISM_CREATED]: ActivityFamily.ORGANISATIONS,
  [ActivityVerb.PERSON_INVITED]: ActivityFamily.IDENTITY,
  [ActivityVerb.INVITATION_ACCEPTED]: ActivityFamily.IDENTITY,
  [ActivityVerb.API_TOKEN_CREATED]: ActivityFamily.IDENTITY,
  [ActivityVerb.API_TOKEN_REVOKED]: ActivityFamily.IDENTITY,
  [ActivityVerb.WEBHOOK_ENDPOINT_CREATED]: ActivityFamily.IDENTITY,
  [ActivityVerb.WEBHOOK_ENDPOINT_UPDATED]: ActivityFamily.IDENTITY,
  [ActivityVerb.WEBHOOK_ENDPOINT_DELETED]: ActivityFamily.IDENTITY,
  [ActivityVerb.WEBHOOK_SECRET_ROTATED]: ActivityFamily.IDENTITY,
  [ActivityVerb.WEBHOOK_ENDPOINT_DISABLED]: ActivityFamily.IDENTITY,
  [ActivityVerb.WEBHOOK_REDELIVERY_REQUESTED]: ActivityFamily.IDENTITY,
  [ActivityVerb.NETWORK_CREATED]: ActivityFamily.NETWORKS,
  [ActivityVerb.NETWORK_UPDATED]: ActivityFamily.NETWORKS,
  [ActivityVerb.NETWORK_STATUS_CHANGED]: ActivityFamily.NETWORKS,
  [ActivityVerb.NETWORK_MEMBER_INVITED]: ActivityFamily.NETWORKS,
  [ActivityVerb.NETWORK_JOIN_REQUESTED]: ActivityFamily.NETWORKS,
  [ActivityVerb.NETWORK_MEMBER_JOINED]: ActivityFamily.NETWORKS,
  [ActivityVerb.NETWORK_INVITATION_DECLINED]: ActivityFamily.NETWORKS,
  [ActivityVerb.NETWORK_REQUEST_DECLINED]: ActivityFamily.NETWORKS,
  [ActivityVerb.NETWORK_MEMBER_LEFT]: ActivityFamily.NETWORKS,
  [ActivityVerb.NETWORK_MEMBER_REMOVED]: ActivityFamily.NETWORKS,
  [ActivityVerb.NETWORK_ROLE_CHANGED]: ActivityFamily.NETWORKS,
  [ActivityVerb.NETWORK_CONVENING_HANDED_OVER]: ActivityFamily.NETWORKS,
  [ActivityVerb.COVERAGE_PRIORITIES_SET]: ActivityFamily.COVERAGE,
  [ActivityVerb.EVENT_CREATED]: ActivityFamily.EVENTS,
  [ActivityVerb.EVENT_UPDATED]: ActivityFamily.EVENTS,
  [ActivityVerb.EVENT_RESCHEDULED]: ActivityFamily.EVENTS,
  [ActivityVerb.EVENT_STATUS_CHANGED]: ActivityFamily.EVENTS,
  [ActivityVerb.EVENT_OCCURRENCE_CHANGED]: ActivityFamily.EVENTS,
  [ActivityVerb.EVENT_AGENDA_SET]: ActivityFamily.EVENTS,
  [ActivityVerb.EVENT_MINUTES_RECORDED]: ActivityFamily.EVENTS,
  [ActivityVerb.EVENT_RSVP_CHANGED]: ActivityFamily.EVENTS,
  [ActivityVerb.EVENT_REMINDER_DUE]: ActivityFamily.EVENTS,
  [ActivityVerb.EVENT_WAITLIST_PROMOTED]: ActivityFamily.EVENTS,
  [ActivityVerb.POLL_CREATED]: ActivityFamily.EVENTS,
  [ActivityVerb.POLL_ANSWERED]: ActivityFamily.EVENTS,
  [ActivityVerb.POLL_CONFIRMED]: ActivityFamily.EVENTS,
  [ActivityVerb.POLL_CLOSED]: ActivityFamily.EVENTS,
  [ActivityVerb.CALENDAR_FEED_CREATED]: ActivityFamily.EVENTS,
  [ActivityVerb.CALENDAR_FEED_REVOKED]: ActivityFamily.EVENTS,
  [ActivityVerb.POSITION_CREATED]: ActivityFamily.DRAFTING,
  [ActivityVerb.POSITION_SECTION_ADDED]: ActivityFamily.DRAFTING,
  [ActivityVerb.POSITION_SECTION_EDITED]: ActivityFamily.DRAFTING,
  [ActivityVerb.POSITION_SECTION_REMOVED]: ActivityFamily.DRAFTING,
  [ActivityVerb.POSITION_SECTIONS_REORDERED]: ActivityFamily.DRAFTING,
  [ActivityVerb.POSITION_STATUS_CHANGED]: ActivityFamily.DRAFTING,
  [ActivityVerb.POSITION_SIGNED]: ActivityFamily.DRAFTING,
  [ActivityVerb.POSITION_SUBMITTED]: ActivityFamily.DRAFTING,
  [ActivityVerb.POSITION_RESPONSE_RECORDED]: ActivityFamily.DRAFTING,
  [ActivityVerb.POSITION_COMMENTED]: ActivityFamily.DRAFTING,
  [ActivityVerb.POSITION_COMMENT_RESOLVED]: ActivityFamily.DRAFTING,
  [ActivityVerb.POSITION_SUGGESTED]: ActivityFamily.DRAFTING,
  [ActivityVerb.POSITION_SUGGESTION_ACCEPTED]: ActivityFamily.DRAFTING,
  [ActivityVerb.POSITION_SUGGESTION_REJECTED]: ActivityFamily.DRAFTING,
  [ActivityVerb.OFFICE_HOLDER_RECORDED]: ActivityFamily.INFLUENCING,
  [ActivityVerb.OFFICE_HOLDER_UPDATED]: ActivityFamily.INFLUENCING,
  [ActivityVerb.GOVERNANCE_CHANGE_PLANNED]: ActivityFamily.INFLUENCING,
  [ActivityVerb.ELECTION_ROUND_SCHEDULED]: ActivityFamily.INFLUENCING,
  [ActivityVerb.ELECTION_CANDIDATE_ADDED]: ActivityFamily.INFLUENCING,
  [ActivityVerb.ELECTION_HUSTINGS_LINKED]: ActivityFamily.INFLUENCING,
  [ActivityVerb.POLICE_CRIME_PLAN_RECORDED]: ActivityFamily.INFLUENCING,
  // Declared against a police and crime plan's priorities (influencing's tables), not a position's text.
  [ActivityVerb.POSITION_PRIORITIES_DECLARED]: ActivityFamily.INFLUENCING,
  [ActivityVerb.ENGAGEMENT_RECORDED]: ActivityFamily.INFLUENCING,
  [ActivityVerb.COMMITMENT_ADDED]: ActivityFamily.INFLUENCING,
  [ActivityVerb.COMMITMENT_STATUS_CHANGED]: ActivityFamily.INFLUENCING,
  [ActivityVerb.EVIDENCE_RECORDED]: ActivityFamily.INFLUENCING,
  [ActivityVerb.EVIDENCE_CITED]: ActivityFamily.INFLUENCING,
  [ActivityVerb.ENGAGEMENT_CORRECTED]: ActivityFamily.INFLUENCING,
  [ActivityVerb.EVIDENCE_WITHDRAWN]: ActivityFamily.INFLUENCING,
};

/**
 * The families whose activity may name a network (`network_id`): what an area's last activity
 * (coverage) reads. The recorder refuses activity naming a network in any other family, so an
 * answer reading the last activity is versioned by these and moves with no other write.
 */
export const NETWORK_ACTIVITY_FAMILIES: readonly ActivityFamily[] = [
  ActivityFamily.NETWORKS,
  ActivityFamily.EVENTS,
  ActivityFamily.DRAFTING,
  ActivityFamily.INFLUENCING,
];

/**
 * What each family's answers also read: the data its figures derive from, and the data that
 * decides what a viewer may see of it (network and organisation membership decide who sees an
 * event, a draft, an engagement).
 * Closed transitively by `withDependencies`. When in doubt, add the dependency: it only costs hits.
 */
export const FAMILY_DEPENDENCIES: Readonly<Record<ActivityFamily, readonly ActivityFamily[]>> = {
  [ActivityFamily.GEOGRAPHY]: [],
  [ActivityFamily.IDENTITY]: [ActivityFamily.ORGANISATIONS],
  // Affiliations (identity) decide what an organisation shows its own people, but they reach an
  // answer only through the actor, which is in every key: identity's own types are never cached.
  [ActivityFamily.ORGANISATIONS]: [ActivityFamily.GEOGRAPHY],
  [ActivityFamily.NETWORKS]: [ActivityFamily.ORGANISATIONS, ActivityFamily.GEOGRAPHY],
  // Figures: networks and their active members' organisations, the authorities they serve, the
  // specialisms present, and the last engagement of each area's networks (influencing).
  [ActivityFamily.COVERAGE]: [
    ActivityFamily.NETWORKS,
    ActivityFamily.ORGANISATIONS,
    ActivityFamily.GEOGRAPHY,
    ActivityFamily.INFLUENCING,
  ],
  [ActivityFamily.EVENTS]: [ActivityFamily.NETWORKS, ActivityFamily.ORGANISATIONS, ActivityFamily.GEOGRAPHY],
  [ActivityFamily.DRAFTING]: [ActivityFamily.NETWORKS, ActivityFamily.ORGANISATIONS, ActivityFamily.GEOGRAPHY],
  [ActivityFamily.INFLUENCING]: [ActivityFamily.NETWORKS, ActivityFamily.ORGANISATIONS, ActivityFamily.GEOGRAPHY],
};

/** The families given and all they depend on, in declaration order (a stable key). */
export function withDependencies(families: Iterable<ActivityFamily>): ActivityFamily[] {
  const reached = new Set<ActivityFamily>();
  const visit = (family: ActivityFamily): void => {
    if (!reached.has(family)) {
      reached.add(family);
      FAMILY_DEPENDENCIES[family].forEach(visit);
    }
  };
  for (const family of families) {
    visit(family);
  }
  return ACTIVITY_FAMILIES.filter((family) => reached.has(family));
}
