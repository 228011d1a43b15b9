import type { ActivityVerb, CoverageStatus, GovernanceType, Region } from '../gql/graphql';

export const STATUS_WORDS: Record<CoverageStatus, { label: string; meaning: string; pattern: string }> = {
  GREEN: { label: 'Green', meaning: 'active, broad network', pattern: 'solid' },
  AMBER: { label: 'Amber', meaning: 'active network with gaps', pattern: 'striped' },
  RED: { label: 'Red', meaning: 'no active network', pattern: 'dotted' },
};

// Enums another part of the API may extend: a value added later reads as its humanised name, so a new
// enum value never breaks the page (a removed or renamed field still fails the typecheck).
const REGION_NAMES: Partial<Record<Region, string>> = {
  EAST_MIDLANDS: 'East Midlands',
  EAST_OF_ENGLAND: 'East of England',
  LONDON: 'London',
  NORTH_EAST: 'North East',
  NORTH_WEST: 'North West',
  SOUTH_EAST: 'South East',
  SOUTH_WEST: 'South West',
  WALES: 'Wales',
  WEST_MIDLANDS: 'West Midlands',
  YORKSHIRE_AND_THE_HUMBER: 'Yorkshire and the Humber',
};

const GOVERNANCE_NAMES: Partial<Record<GovernanceType, string>> = {
  PCC: 'Police and crime commissioner',
  PFCC: 'Police, fire and crime commissioner',
  MAYOR_PCC_FUNCTIONS: 'Mayor with PCC functions',
  MAYOR_PFCC_FUNCTIONS: 'Mayor with PFCC functions',
  CITY_OF_LONDON_POLICE_AUTHORITY: 'City of London police authority',
  POLICING_AND_CRIME_BOARD: 'Policing and crime board',
};

/** What happened, in plain words; `{field}` is filled from the item's payload. */
const VERB_WORDS: Partial<Record<ActivityVerb, string>> = {
  API_TOKEN_CREATED: 'An API token was created',
  API_TOKEN_REVOKED: 'An API token was revoked',
  CALENDAR_FEED_CREATED: 'A private calendar feed was created',
  CALENDAR_FEED_REVOKED: 'A private calendar feed was revoked',
  COMMITMENT_ADDED: 'The commissioner’s office made a commitment',
  COMMITMENT_STATUS_CHANGED: 'A commitment changed status',
  COVERAGE_PRIORITIES_SET: 'The priority specialisms for coverage were set',
  ELECTION_CANDIDATE_ADDED: 'An election candidate was added',
  ELECTION_HUSTINGS_LINKED: 'A hustings was linked to an election',
  ELECTION_ROUND_SCHEDULED: 'An election round was scheduled',
  ENGAGEMENT_CORRECTED: 'An engagement record was corrected',
  ENGAGEMENT_RECORDED: '{network} recorded an engagement with the commissioner’s office',
  EVENT_AGENDA_SET: 'The agenda of {title} was set',
  EVENT_CREATED: '{title} was scheduled',
  EVENT_MINUTES_RECORDED: 'Minutes of {title} were recorded',
  EVENT_OCCURRENCE_CHANGED: 'One date of {title} changed',
  EVENT_REMINDER_DUE: '{title} is coming up',
  EVENT_RESCHEDULED: '{title} was moved',
  EVENT_RSVP_CHANGED: 'Someone answered the invitation to {title}',
  EVENT_STATUS_CHANGED: '{title} changed status',
  EVENT_UPDATED: '{title} was updated',
  EVENT_WAITLIST_PROMOTED: 'A place at {title} went to someone on the waitlist',
  EVIDENCE_CITED: 'Evidence was cited in a joint position',
  EVIDENCE_RECORDED: 'A Justice Data Lab result was recorded',
  EVIDENCE_WITHDRAWN: 'Evidence was withdrawn from a joint position',
  GOVERNANCE_CHANGE_PLANNED: 'A change of governance was planned',
  INVITATION_ACCEPTED: 'Someone joined {organisation}',
  NETWORK_CONVENING_HANDED_OVER: '{network} has a new convenor',
  NETWORK_CREATED: '{network} was formed, convened by {convenor}',
  NETWORK_INVITATION_DECLINED: '{organisation} declined to join {network}',
  NETWORK_JOIN_REQUESTED: '{organisation} asked to join {network}',
  NETWORK_MEMBER_INVITED: '{organisation} was invited to join {network}',
  NETWORK_MEMBER_JOINED: '{organisation} joined {network}',
  NETWORK_MEMBER_LEFT: '{organisation} left {network}',
  NETWORK_MEMBER_REMOVED: '{organisation} was removed from {network}',
  NETWORK_REQUEST_DECLINED: '{network} declined the request of {organisation}',
  NETWORK_ROLE_CHANGED: 'The role of {organisation} in {network} changed',
  NETWORK_STATUS_CHANGED: '{network} is now {to}',
  NETWORK_UPDATED: '{network} was updated',
  OFFICE_HOLDER_RECORDED: 'An office-holder was recorded',
  OFFICE_HOLDER_UPDATED: 'An office-holder’s record was updated',
  ORGANISATION_ARCHIVED: '{name} was archived',
  ORGANISATION_CREATED: '{name} joined Convene',
  ORGANISATION_UPDATED: '{name} updated its profile',
  PERSON_INVITED: 'Someone was invited to an organisation',
  POLICE_CRIME_PLAN_RECORDED: 'A police and crime plan was recorded',
  POLL_ANSWERED: 'Someone answered a scheduling poll',
  POLL_CLOSED: 'A scheduling poll closed',
  POLL_CONFIRMED: 'A scheduling poll chose its date',
  POLL_CREATED: 'A scheduling poll opened',
  POSITION_COMMENTED: 'Someone commented on a joint position',
  POSITION_COMMENT_RESOLVED: 'A comment on a joint position was resolved',
  POSITION_CREATED: 'A joint position was started',
  POSITION_PRIORITIES_DECLARED: 'A joint position declared the plan priorities it addresses',
  POSITION_RESPONSE_RECORDED: 'The commissioner’s response to a joint position was recorded',
  POSITION_SECTIONS_REORDERED: 'The sections of a joint position were reordered',
  POSITION_SECTION_ADDED: 'A section was added to a joint position',
  POSITION_SECTION_EDITED: 'A joint position was edited',
  POSITION_SECTION_REMOVED: 'A section was removed from a joint position',
  POSITION_SIGNED: 'An organisation signed a joint position',
  POSITION_STATUS_CHANGED: 'A joint position changed status',
  POSITION_SUBMITTED: 'A joint position was submitted to the commissioner',
  POSITION_SUGGESTED: 'A change to a joint position was suggested',
  POSITION_SUGGESTION_ACCEPTED: 'A suggested change was accepted',
  POSITION_SUGGESTION_REJECTED: 'A suggested change was rejected',
  SPECIALISM_CREATED: 'A specialism was added to the vocabulary',
};

const FALLBACKS: Record<string, string> = {
  network: 'A network',
  convenor: 'a CVS',
  organisation: 'An organisation',
  title: 'An event',
  name: 'An organisation',
  to: 'changed',
};

/** NEW_THING → "New thing": the words for an enum value this page does not know yet. */
export const humanise = (value: string): string => {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const regionName = (region: Region): string => REGION_NAMES[region] ?? humanise(region);
export const governanceName = (type: GovernanceType): string => GOVERNANCE_NAMES[type] ?? humanise(type);
/** Every region and governance type the page names, for the table's filters. */
export const REGIONS = Object.entries(REGION_NAMES) as [Region, string][];
export const GOVERNANCE_TYPES = Object.entries(GOVERNANCE_NAMES) as [GovernanceType, string][];

export function describeActivity(verb: ActivityVerb, payload: Record<string, unknown>): string {
  const sentence = (VERB_WORDS[verb] ?? humanise(verb)).replace(/\{(\w+)\}/g, (_, field: string) => {
    const value = payload[field];
    if (typeof value === 'string' && value.trim() !== '') {
      return field === 'to' ? value.toLowerCase() : value;
    }
    return FALLBACKS[field] ?? field;
  });
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;
export const whole = (n: number): string => new Intl.NumberFormat('en-GB').format(Math.round(n));
export const day = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Europe/London',
  }).format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));
export const dateTime = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  }).format(new Date(iso));
