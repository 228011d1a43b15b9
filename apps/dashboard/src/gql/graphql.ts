/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A feed: national, one police force area (ONS code), one organisation, one local network or one event (id). */
export type ActivityScope = {
  kind: ActivityScopeKind;
  /** PFA code, or organisation, network or event id; empty for NATIONAL. */
  target?: string | null | undefined;
};

/** Which feed to read. */
export type ActivityScopeKind =
  | 'EVENT'
  | 'NATIONAL'
  | 'NETWORK'
  | 'ORGANISATION'
  | 'POLICE_FORCE_AREA';

/** What happened. */
export type ActivityVerb =
  | 'API_TOKEN_CREATED'
  | 'API_TOKEN_REVOKED'
  | 'CALENDAR_FEED_CREATED'
  | 'CALENDAR_FEED_REVOKED'
  | 'COMMITMENT_ADDED'
  | 'COMMITMENT_STATUS_CHANGED'
  | 'COVERAGE_PRIORITIES_SET'
  | 'ELECTION_CANDIDATE_ADDED'
  | 'ELECTION_HUSTINGS_LINKED'
  | 'ELECTION_ROUND_SCHEDULED'
  | 'ENGAGEMENT_CORRECTED'
  | 'ENGAGEMENT_RECORDED'
  | 'EVENT_AGENDA_SET'
  | 'EVENT_CREATED'
  | 'EVENT_MINUTES_RECORDED'
  | 'EVENT_OCCURRENCE_CHANGED'
  | 'EVENT_REMINDER_DUE'
  | 'EVENT_RESCHEDULED'
  | 'EVENT_RSVP_CHANGED'
  | 'EVENT_STATUS_CHANGED'
  | 'EVENT_UPDATED'
  | 'EVENT_WAITLIST_PROMOTED'
  | 'EVIDENCE_CITED'
  | 'EVIDENCE_RECORDED'
  | 'EVIDENCE_WITHDRAWN'
  | 'GOVERNANCE_CHANGE_PLANNED'
  | 'INVITATION_ACCEPTED'
  | 'NETWORK_CONVENING_HANDED_OVER'
  | 'NETWORK_CREATED'
  | 'NETWORK_INVITATION_DECLINED'
  | 'NETWORK_JOIN_REQUESTED'
  | 'NETWORK_MEMBER_INVITED'
  | 'NETWORK_MEMBER_JOINED'
  | 'NETWORK_MEMBER_LEFT'
  | 'NETWORK_MEMBER_REMOVED'
  | 'NETWORK_REQUEST_DECLINED'
  | 'NETWORK_ROLE_CHANGED'
  | 'NETWORK_STATUS_CHANGED'
  | 'NETWORK_UPDATED'
  | 'OFFICE_HOLDER_RECORDED'
  | 'OFFICE_HOLDER_UPDATED'
  | 'ORGANISATION_ARCHIVED'
  | 'ORGANISATION_CREATED'
  | 'ORGANISATION_UPDATED'
  | 'ORGANISATION_VERIFICATION_WITHDRAWN'
  | 'ORGANISATION_VERIFIED'
  | 'PERSON_INVITED'
  | 'POLICE_CRIME_PLAN_RECORDED'
  | 'POLL_ANSWERED'
  | 'POLL_CLOSED'
  | 'POLL_CONFIRMED'
  | 'POLL_CREATED'
  | 'POSITION_COMMENTED'
  | 'POSITION_COMMENT_RESOLVED'
  | 'POSITION_CREATED'
  | 'POSITION_PRIORITIES_DECLARED'
  | 'POSITION_RESPONSE_RECORDED'
  | 'POSITION_SECTIONS_REORDERED'
  | 'POSITION_SECTION_ADDED'
  | 'POSITION_SECTION_EDITED'
  | 'POSITION_SECTION_REMOVED'
  | 'POSITION_SIGNED'
  | 'POSITION_STATUS_CHANGED'
  | 'POSITION_SUBMITTED'
  | 'POSITION_SUGGESTED'
  | 'POSITION_SUGGESTION_ACCEPTED'
  | 'POSITION_SUGGESTION_REJECTED'
  | 'SPECIALISM_CREATED'
  | 'WEBHOOK_ENDPOINT_CREATED'
  | 'WEBHOOK_ENDPOINT_DELETED'
  | 'WEBHOOK_ENDPOINT_DISABLED'
  | 'WEBHOOK_ENDPOINT_UPDATED'
  | 'WEBHOOK_REDELIVERY_REQUESTED'
  | 'WEBHOOK_SECRET_ROTATED';

/** Who may see an activity item. */
export type ActivityVisibility =
  | 'ADMIN'
  | 'NETWORK'
  | 'ORGANISATION'
  | 'PUBLIC';

export type AffiliationRole =
  /** Manages the organisation: its profile, people, API tokens, sign-ons. */
  | 'ORG_ADMIN'
  /** Works for the organisation and acts on its behalf where allowed. */
  | 'STAFF';

/** A person answers for an organisation they work for. */
export type AnswerEventInput = {
  answer: RsvpAnswer;
  eventId: string | number;
  /** For a recurring event: the occurrence (its `originalStart`). */
  occurrenceStart?: string | null | undefined;
  /** The organisation the person answers for. */
  organisationId: string | number;
};

/** Answers for a member organisation: one answer per organisation and slot, so anyone of it answering again replaces the organisation's answer. */
export type AnswerSchedulingPollInput = {
  answers: Array<PollSlotAnswerInput>;
  /** The member organisation (not an observer) you act for; always named, so a person of several organisations answers for the one meant. */
  organisationId: string | number;
  pollId: string | number;
};

/** Whether a commitment made to a network was kept. OPEN until the network records how it ended. */
export type CommitmentStatus =
  | 'MET'
  | 'NOT_MET'
  | 'OPEN'
  | 'PARTLY_MET'
  | 'WITHDRAWN';

/** A country of the England and Wales police system. */
export type Country =
  | 'ENGLAND'
  | 'WALES';

/** How well an area is covered. RED: no active network counted (networks whose convenors are not yet verified CVSs are not counted). AMBER: an active network with a gap: a local authority not reached, a priority specialism missing, no network activity for over 90 days, or no engagement with the commissioner's office for over 180 days (or ever). GREEN: no gap. */
export type CoverageStatus =
  | 'AMBER'
  | 'GREEN'
  | 'RED';

/** How a network engaged the commissioner's office. */
export type EngagementKind =
  | 'BOARD_ATTENDANCE'
  | 'CONSULTATION_RESPONSE'
  | 'HUSTINGS'
  | 'LETTER'
  | 'MEETING'
  | 'PANEL_ATTENDANCE';

/** What sort of event it is. */
export type EventKind =
  /** A consultation event (e.g. on the police and crime plan). */
  | 'CONSULTATION'
  /** A meeting of a local network's members. */
  | 'NETWORK_MEETING'
  /** Anything else. */
  | 'OTHER'
  /** A session with the commissioner or the commissioner's office. */
  | 'PCC_ENGAGEMENT'
  /** Candidates for police and crime commissioner questioned in public. */
  | 'PCC_HUSTINGS'
  /** Training or learning. */
  | 'TRAINING';

export type EventStatus =
  /** Not happening (final). */
  | 'CANCELLED'
  /** Happened (final); minutes may follow. */
  | 'COMPLETED'
  /** Off for now; rescheduling makes it SCHEDULED again. */
  | 'POSTPONED'
  /** Going ahead as planned. */
  | 'SCHEDULED';

/** Who may see an event. */
export type EventVisibility =
  /** People of the network's active member organisations (network events only). */
  | 'NETWORK'
  /** Anyone, and public calendar feeds. */
  | 'PUBLIC';

/** Who holds the police and crime commissioner functions of a police force area. */
export type GovernanceType =
  /** The Common Council of the City of London as police authority. */
  | 'CITY_OF_LONDON_POLICE_AUTHORITY'
  /** A mayor holds the PCC functions (e.g. London through MOPAC). */
  | 'MAYOR_PCC_FUNCTIONS'
  /** A mayor holds the police, fire and crime commissioner functions. */
  | 'MAYOR_PFCC_FUNCTIONS'
  /** An elected Police and Crime Commissioner. */
  | 'PCC'
  /** An elected Police, Fire and Crime Commissioner (also governs the fire service). */
  | 'PFCC'
  /** A board led by council leaders holds the functions (planned to replace PCCs from 2028). */
  | 'POLICING_AND_CRIME_BOARD';

/** Where a network is in its life. */
export type NetworkStatus =
  /** Meeting and working. */
  | 'ACTIVE'
  /** Ended for good; kept for the record. */
  | 'CLOSED'
  /** Paused; may become active again. */
  | 'DORMANT'
  /** Being set up; not yet meeting regularly. */
  | 'FORMING';

/** What a message is about. */
export type NotificationCategory =
  | 'ACCOUNT'
  | 'COMMITMENTS'
  | 'DRAFTING'
  | 'DRAFT_FEEDBACK'
  | 'EVENT_CHANGE'
  | 'EVENT_REMINDER'
  | 'NETWORK_ACTIVITY'
  | 'NETWORK_MEMBERSHIP'
  | 'ORGANISATION_ADMIN'
  | 'ORGANISATION_INVITATION'
  | 'POLLS';

/** How often a person hears about a category: at once, in the daily digest, or not at all. */
export type NotificationFrequency =
  | 'DAILY'
  | 'IMMEDIATELY'
  | 'OFF';

export type NotificationPreferenceInput = {
  category: NotificationCategory;
  frequency: NotificationFrequency;
};

/** The title an office-holder held. */
export type OfficeTitle =
  | 'CHAIR_OF_POLICE_AUTHORITY_BOARD'
  | 'CHAIR_OF_POLICING_AND_CRIME_BOARD'
  | 'DEPUTY_MAYOR_FOR_POLICING_AND_CRIME'
  | 'INTERIM_COMMISSIONER'
  | 'MAYOR'
  | 'POLICE_AND_CRIME_COMMISSIONER'
  | 'POLICE_FIRE_AND_CRIME_COMMISSIONER';

/** Whether a slot suits. */
export type PollAnswer =
  /** Can make it if it has to be then. */
  | 'IF_NEED_BE'
  /** Cannot make it. */
  | 'NO'
  /** Suits. */
  | 'YES';

export type PollSlotAnswerInput = {
  answer: PollAnswer;
  slotId: string | number;
};

export type PollStatus =
  /** Closed without an event. */
  | 'CLOSED'
  /** A slot was chosen and the event made from it. */
  | 'CONFIRMED'
  /** Taking answers. */
  | 'OPEN';

/** Where a joint position is on its way to the commissioner. Only the network's convenors move it. */
export type PositionStatus =
  /** The text is fixed; organisations sign on to it. */
  | 'AGREED'
  /** Shared for comment; still editable. */
  | 'CONSULTATION'
  /** Members write it. */
  | 'DRAFTING'
  /** The commissioner's response is recorded. */
  | 'RESPONDED'
  /** Sent; public unless marked otherwise. */
  | 'SUBMITTED'
  /** Abandoned; kept for the record. */
  | 'WITHDRAWN';

/** An English region (ONS), or Wales. */
export type Region =
  | 'EAST_MIDLANDS'
  | 'EAST_OF_ENGLAND'
  | 'LONDON'
  | 'NORTH_EAST'
  | 'NORTH_WEST'
  | 'SOUTH_EAST'
  | 'SOUTH_WEST'
  | 'WALES'
  | 'WEST_MIDLANDS'
  | 'YORKSHIRE_AND_THE_HUMBER';

/** An answer to an invitation to attend. */
export type RsvpAnswer =
  | 'DECLINED'
  | 'GOING'
  | 'MAYBE';

/** Whether an answer holds a place. */
export type RsvpPlace =
  /** GOING, with a place. */
  | 'CONFIRMED'
  /** MAYBE or DECLINED. */
  | 'NONE'
  /** GOING, waiting for a place; promoted in order when one frees. */
  | 'WAITLISTED';

export type UpdateNotificationPreferencesInput = {
  /** Hour (0–23, Europe/London) for the daily digest. */
  digestHour?: number | null | undefined;
  /** Categories to change; others stay. */
  preferences?: Array<NotificationPreferenceInput> | null | undefined;
};

export type NationalCoverageQueryVariables = Exact<{ [key: string]: never; }>;


export type NationalCoverageQuery = { coverage: { national: { areaCount: number, areasWithActiveNetwork: number, green: number, amber: number, red: number, population: number, populationReached: number, populationReachedShare: number }, areas: Array<{ status: CoverageStatus, reasons: Array<string>, activeNetworkCount: number, openNetworkCount: number, memberOrganisationCount: number, localAuthoritiesReached: number, localAuthoritiesTotal: number, population: number, populationReached: number, populationReachedShare: number, daysSinceLastEngagement: number | null, policeForceArea: { code: string, displayName: string, region: Region, country: Country, currentGovernance: { type: GovernanceType, office: string } | null }, specialismsPresent: Array<{ code: string, label: string }> }> }, specialisms: Array<{ code: string, label: string }> };

export type AreaQueryVariables = Exact<{
  code: string;
  from: string;
  to: string;
  eventsFrom: string;
  eventsTo: string;
}>;


export type AreaQuery = { policeForceArea: { code: string, displayName: string, forceName: string, region: Region, country: Country, population: number, currentGovernance: { type: GovernanceType, office: string, since: string | null } | null, offices: Array<{ name: string, type: GovernanceType, since: string | null, until: string | null, planned: boolean, holders: Array<{ name: string, title: OfficeTitle, party: string | null, independent: boolean, termStart: string, termEnd: string | null }> }>, networks: Array<{ id: string, name: string, status: NetworkStatus, statusSince: string, memberCount: number, convenors: Array<{ organisation: { id: string, name: string } }> }>, coverage: { status: CoverageStatus, reasons: Array<string>, localAuthoritiesReached: number, localAuthoritiesTotal: number, populationReachedShare: number, lastEngagementOn: string | null, daysSinceLastEngagement: number | null, engagementQuiet: boolean } }, coverageHistory: Array<{ date: string, status: CoverageStatus, localAuthoritiesReached: number, localAuthoritiesTotal: number }>, overdueCommitments: Array<{ id: string, text: string, owner: string, dueOn: string, daysOverdue: number, engagement: { network: { id: string, name: string } } }>, eventOccurrences: Array<{ eventId: string, startsAt: string, cancelled: boolean, moved: boolean, event: { id: string, title: string, kind: EventKind, venue: string | null, network: { name: string } | null } }> };

export type ActivitySubscriptionVariables = Exact<{
  scope: ActivityScope;
  after?: string | null | undefined;
}>;


export type ActivitySubscription = { activity: { cursor: string, sequence: string, verb: ActivityVerb, occurredAt: string, payload: Record<string, unknown>, policeForceAreaCode: string | null, networkId: string | null, organisationId: string | null, eventId: string | null, visibility: ActivityVisibility } };

export type SignInMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type SignInMutation = { signIn: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, person: { displayName: string } } };

export type RefreshSessionMutationVariables = Exact<{
  refreshToken: string;
}>;


export type RefreshSessionMutation = { refreshSession: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, person: { displayName: string } } };

export type SignOutMutationVariables = Exact<{
  refreshToken: string;
}>;


export type SignOutMutation = { signOut: { signedOut: boolean } };

export type RequestPasswordResetMutationVariables = Exact<{
  email: string;
}>;


export type RequestPasswordResetMutation = { requestPasswordReset: { requested: boolean } };

export type ResetPasswordMutationVariables = Exact<{
  token: string;
  password: string;
}>;


export type ResetPasswordMutation = { resetPassword: { person: { email: string } } };

export type ConfirmEmailChangeMutationVariables = Exact<{
  token: string;
}>;


export type ConfirmEmailChangeMutation = { confirmEmailChange: { person: { email: string } } };

export type AcceptInvitationMutationVariables = Exact<{
  token: string;
  displayName?: string | null | undefined;
  password?: string | null | undefined;
}>;


export type AcceptInvitationMutation = { acceptInvitation: { role: AffiliationRole, organisation: { id: string, name: string }, session: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, person: { displayName: string } } | null } };

export type NotificationPreferencesQueryVariables = Exact<{ [key: string]: never; }>;


export type NotificationPreferencesQuery = { me: { displayName: string, email: string, notificationPreferences: { digestHour: number, preferences: Array<{ category: NotificationCategory, frequency: NotificationFrequency }> } | null } | null };

export type UpdateNotificationPreferencesMutationVariables = Exact<{
  input: UpdateNotificationPreferencesInput;
}>;


export type UpdateNotificationPreferencesMutation = { updateNotificationPreferences: { notificationPreferences: { digestHour: number, preferences: Array<{ category: NotificationCategory, frequency: NotificationFrequency }> } } };

export type MyOrganisationsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyOrganisationsQuery = { me: { id: string, affiliations: Array<{ role: AffiliationRole, organisation: { id: string, name: string } }> } | null };

export type EventPageQueryVariables = Exact<{
  id: string | number;
  occurrenceStart?: string | null | undefined;
  from: string;
  to: string;
}>;


export type EventPageQuery = { event: { id: string, title: string, kind: EventKind, status: EventStatus, statusReason: string | null, visibility: EventVisibility, startsAt: string, endsAt: string, allDay: boolean, timeZone: string, recurrenceRule: string | null, venue: string | null, address: string | null, onlineUrl: string | null, capacity: number | null, description: string | null, network: { id: string, name: string } | null, organiserOrganisation: { id: string, name: string } | null, occurrences: Array<{ originalStart: string, startsAt: string, endsAt: string, cancelled: boolean }>, tally: { confirmed: number, maybe: number, declined: number, waitlisted: number, placesLeft: number | null }, rsvps: Array<{ id: string, answer: RsvpAnswer, place: RsvpPlace, answeredAt: string, organisation: { id: string, name: string } }> } };

export type AnswerEventMutationVariables = Exact<{
  input: AnswerEventInput;
}>;


export type AnswerEventMutation = { answerEvent: { rsvp: { id: string, answer: RsvpAnswer, place: RsvpPlace, answeredAt: string, organisation: { id: string, name: string } }, tally: { confirmed: number, maybe: number, declined: number, waitlisted: number, placesLeft: number | null } } };

export type PollPageQueryVariables = Exact<{
  id: string | number;
}>;


export type PollPageQuery = { schedulingPoll: { id: string, title: string, kind: EventKind, status: PollStatus, deadline: string | null, description: string | null, timeZone: string, confirmedSlotId: string | null, eventId: string | null, network: { id: string, name: string }, slots: Array<{ id: string, startsAt: string, endsAt: string }>, tally: Array<{ slotId: string, yes: number, ifNeedBe: number, no: number }>, answers: Array<{ slotId: string, organisationId: string, answer: PollAnswer }> } };

export type AnswerPollMutationVariables = Exact<{
  input: AnswerSchedulingPollInput;
}>;


export type AnswerPollMutation = { answerSchedulingPoll: { poll: { id: string, tally: Array<{ slotId: string, yes: number, ifNeedBe: number, no: number }>, answers: Array<{ slotId: string, organisationId: string, answer: PollAnswer }> } } };

export type PositionPageQueryVariables = Exact<{
  id: string | number;
}>;


export type PositionPageQuery = { jointPosition: { id: string, title: string, status: PositionStatus, statusReason: string | null, audience: string, purpose: string | null, deadline: string | null, revision: number, network: { id: string, name: string }, sections: Array<{ id: string, ordinal: number, heading: string, body: string, comments: Array<{ id: string }> | null }> } };

export type EngagementPageQueryVariables = Exact<{
  id: string | number;
}>;


export type EngagementPageQuery = { engagement: { id: string, kind: EngagementKind, occurredOn: string, summary: string, officeParticipants: string | null, public: boolean, network: { id: string, name: string }, asks: Array<{ id: string, ordinal: number, text: string }>, commitments: Array<{ id: string, text: string, owner: string, dueOn: string, status: CommitmentStatus, daysOverdue: number }> } };


export const NationalCoverageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NationalCoverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"national"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"areaCount"}},{"kind":"Field","name":{"kind":"Name","value":"areasWithActiveNetwork"}},{"kind":"Field","name":{"kind":"Name","value":"green"}},{"kind":"Field","name":{"kind":"Name","value":"amber"}},{"kind":"Field","name":{"kind":"Name","value":"red"}},{"kind":"Field","name":{"kind":"Name","value":"population"}},{"kind":"Field","name":{"kind":"Name","value":"populationReached"}},{"kind":"Field","name":{"kind":"Name","value":"populationReachedShare"}}]}},{"kind":"Field","name":{"kind":"Name","value":"areas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policeForceArea"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"currentGovernance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"office"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"activeNetworkCount"}},{"kind":"Field","name":{"kind":"Name","value":"openNetworkCount"}},{"kind":"Field","name":{"kind":"Name","value":"memberOrganisationCount"}},{"kind":"Field","name":{"kind":"Name","value":"localAuthoritiesReached"}},{"kind":"Field","name":{"kind":"Name","value":"localAuthoritiesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"population"}},{"kind":"Field","name":{"kind":"Name","value":"populationReached"}},{"kind":"Field","name":{"kind":"Name","value":"populationReachedShare"}},{"kind":"Field","name":{"kind":"Name","value":"specialismsPresent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"daysSinceLastEngagement"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"specialisms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}}]} as unknown as DocumentNode<NationalCoverageQuery, NationalCoverageQueryVariables>;
export const AreaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Area"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventsFrom"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventsTo"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policeForceArea"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"forceName"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"population"}},{"kind":"Field","name":{"kind":"Name","value":"currentGovernance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"office"}},{"kind":"Field","name":{"kind":"Name","value":"since"}}]}},{"kind":"Field","name":{"kind":"Name","value":"offices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"until"}},{"kind":"Field","name":{"kind":"Name","value":"planned"}},{"kind":"Field","name":{"kind":"Name","value":"holders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"party"}},{"kind":"Field","name":{"kind":"Name","value":"independent"}},{"kind":"Field","name":{"kind":"Name","value":"termStart"}},{"kind":"Field","name":{"kind":"Name","value":"termEnd"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"networks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusSince"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"convenors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"localAuthoritiesReached"}},{"kind":"Field","name":{"kind":"Name","value":"localAuthoritiesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"populationReachedShare"}},{"kind":"Field","name":{"kind":"Name","value":"lastEngagementOn"}},{"kind":"Field","name":{"kind":"Name","value":"daysSinceLastEngagement"}},{"kind":"Field","name":{"kind":"Name","value":"engagementQuiet"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverageHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"policeForceAreaCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"localAuthoritiesReached"}},{"kind":"Field","name":{"kind":"Name","value":"localAuthoritiesTotal"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overdueCommitments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"policeForceAreaCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"daysOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"engagement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"network"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"eventOccurrences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventsFrom"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventsTo"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"policeForceAreaCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelled"}},{"kind":"Field","name":{"kind":"Name","value":"moved"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"network"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AreaQuery, AreaQueryVariables>;
export const ActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"Activity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityScope"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"verb"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"policeForceAreaCode"}},{"kind":"Field","name":{"kind":"Name","value":"networkId"}},{"kind":"Field","name":{"kind":"Name","value":"organisationId"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}}]}}]}}]} as unknown as DocumentNode<ActivitySubscription, ActivitySubscriptionVariables>;
export const SignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const RefreshSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]} as unknown as DocumentNode<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const SignOutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignOut"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signOut"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signedOut"}}]}}]}}]} as unknown as DocumentNode<SignOutMutation, SignOutMutationVariables>;
export const RequestPasswordResetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestPasswordReset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestPasswordReset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requested"}}]}}]}}]} as unknown as DocumentNode<RequestPasswordResetMutation, RequestPasswordResetMutationVariables>;
export const ResetPasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const ConfirmEmailChangeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmEmailChange"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmEmailChange"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<ConfirmEmailChangeMutation, ConfirmEmailChangeMutationVariables>;
export const AcceptInvitationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptInvitation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"displayName"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptInvitation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"displayName"},"value":{"kind":"Variable","name":{"kind":"Name","value":"displayName"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AcceptInvitationMutation, AcceptInvitationMutationVariables>;
export const NotificationPreferencesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NotificationPreferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"notificationPreferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"digestHour"}},{"kind":"Field","name":{"kind":"Name","value":"preferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"frequency"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NotificationPreferencesQuery, NotificationPreferencesQueryVariables>;
export const UpdateNotificationPreferencesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateNotificationPreferences"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateNotificationPreferencesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateNotificationPreferences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationPreferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"digestHour"}},{"kind":"Field","name":{"kind":"Name","value":"preferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"frequency"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpdateNotificationPreferencesMutation, UpdateNotificationPreferencesMutationVariables>;
export const MyOrganisationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyOrganisations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"affiliations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyOrganisationsQuery, MyOrganisationsQueryVariables>;
export const EventPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"occurrenceStart"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"allDay"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"recurrenceRule"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"onlineUrl"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"network"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organiserOrganisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"occurrences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"originalStart"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelled"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tally"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"occurrenceStart"},"value":{"kind":"Variable","name":{"kind":"Name","value":"occurrenceStart"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmed"}},{"kind":"Field","name":{"kind":"Name","value":"maybe"}},{"kind":"Field","name":{"kind":"Name","value":"declined"}},{"kind":"Field","name":{"kind":"Name","value":"waitlisted"}},{"kind":"Field","name":{"kind":"Name","value":"placesLeft"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rsvps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"occurrenceStart"},"value":{"kind":"Variable","name":{"kind":"Name","value":"occurrenceStart"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"answer"}},{"kind":"Field","name":{"kind":"Name","value":"place"}},{"kind":"Field","name":{"kind":"Name","value":"answeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EventPageQuery, EventPageQueryVariables>;
export const AnswerEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AnswerEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AnswerEventInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"answerEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rsvp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"answer"}},{"kind":"Field","name":{"kind":"Name","value":"place"}},{"kind":"Field","name":{"kind":"Name","value":"answeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tally"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmed"}},{"kind":"Field","name":{"kind":"Name","value":"maybe"}},{"kind":"Field","name":{"kind":"Name","value":"declined"}},{"kind":"Field","name":{"kind":"Name","value":"waitlisted"}},{"kind":"Field","name":{"kind":"Name","value":"placesLeft"}}]}}]}}]}}]} as unknown as DocumentNode<AnswerEventMutation, AnswerEventMutationVariables>;
export const PollPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PollPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedulingPoll"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"confirmedSlotId"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"network"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"slots"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tally"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slotId"}},{"kind":"Field","name":{"kind":"Name","value":"yes"}},{"kind":"Field","name":{"kind":"Name","value":"ifNeedBe"}},{"kind":"Field","name":{"kind":"Name","value":"no"}}]}},{"kind":"Field","name":{"kind":"Name","value":"answers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slotId"}},{"kind":"Field","name":{"kind":"Name","value":"organisationId"}},{"kind":"Field","name":{"kind":"Name","value":"answer"}}]}}]}}]}}]} as unknown as DocumentNode<PollPageQuery, PollPageQueryVariables>;
export const AnswerPollDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AnswerPoll"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AnswerSchedulingPollInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"answerSchedulingPoll"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"poll"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tally"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slotId"}},{"kind":"Field","name":{"kind":"Name","value":"yes"}},{"kind":"Field","name":{"kind":"Name","value":"ifNeedBe"}},{"kind":"Field","name":{"kind":"Name","value":"no"}}]}},{"kind":"Field","name":{"kind":"Name","value":"answers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slotId"}},{"kind":"Field","name":{"kind":"Name","value":"organisationId"}},{"kind":"Field","name":{"kind":"Name","value":"answer"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AnswerPollMutation, AnswerPollMutationVariables>;
export const PositionPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PositionPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jointPosition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"network"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ordinal"}},{"kind":"Field","name":{"kind":"Name","value":"heading"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"comments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PositionPageQuery, PositionPageQueryVariables>;
export const EngagementPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EngagementPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"engagement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"officeParticipants"}},{"kind":"Field","name":{"kind":"Name","value":"public"}},{"kind":"Field","name":{"kind":"Name","value":"network"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"asks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ordinal"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"Field","name":{"kind":"Name","value":"commitments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"daysOverdue"}}]}}]}}]}}]} as unknown as DocumentNode<EngagementPageQuery, EngagementPageQueryVariables>;