import {
  type DocumentNode,
  getNamedType,
  type GraphQLNamedType,
  type GraphQLSchema,
  isAbstractType,
  isCompositeType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { ACTIVITY_FAMILIES, ActivityFamily, NETWORK_ACTIVITY_FAMILIES, withDependencies } from '@app/activity';

/**
 * What a type's data is versioned by: the families whose activity records its changes, `ALL`
 * when it reads the activity log of every family, or `NEVER` when some of it changes without
 * activity (sessions, expiry clocks, live presence, a clock): an answer reaching it is not cached.
 */
export type Reads = readonly ActivityFamily[] | 'ALL' | 'NEVER';

const { GEOGRAPHY, ORGANISATIONS, NETWORKS, COVERAGE, EVENTS, DRAFTING, INFLUENCING } = ActivityFamily;

/**
 * Every object, interface and union type of the schema, classified by the family whose verbs are
 * recorded when its data changes (not the library that declares it: `GovernancePeriod` is
 * geography's table, planned by influencing). A type missing here reads as `ALL` (a test requires
 * every type of the generated schema to be here, so a new one gets classified).
 */
export const TYPE_READS: Readonly<Record<string, Reads>> = {
  // Roots: the root query reads only through its fields; the others are never cached.
  Query: [],
  Mutation: 'NEVER',
  Subscription: 'NEVER',
  PageInfo: [], // always under a connection, which carries its family

  // The activity log holds every family's verbs.
  ActivityEvent: 'ALL',
  ActivityEventConnection: 'ALL',
  ActivityEventEdge: 'ALL',

  // Identity: sessions, passwords and expiry clocks change without activity.
  AcceptInvitationPayload: 'NEVER',
  Affiliation: 'NEVER',
  ApiToken: 'NEVER',
  CreateApiTokenPayload: 'NEVER',
  Invitation: 'NEVER',
  InviteToOrganisationPayload: 'NEVER',
  Person: 'NEVER',
  RevokeApiTokenPayload: 'NEVER',
  SessionPayload: 'NEVER',
  SetPasswordWithTokenPayload: 'NEVER',
  SignOutPayload: 'NEVER',

  // Notifications and account changes: a person's own messages, choices and tokens, written without activity.
  AccountPayload: 'NEVER',
  MarkNotificationsReadPayload: 'NEVER',
  Notification: 'NEVER',
  NotificationConnection: 'NEVER',
  NotificationEdge: 'NEVER',
  NotificationPreference: 'NEVER',
  NotificationPreferences: 'NEVER',
  RequestEmailChangePayload: 'NEVER',
  RequestPasswordResetPayload: 'NEVER',
  UpdateNotificationPreferencesPayload: 'NEVER',

  // Webhooks: deliveries and their log move on without activity.
  CreateWebhookEndpointPayload: 'NEVER',
  RedeliverWebhookPayload: 'NEVER',
  RotateWebhookSecretPayload: 'NEVER',
  WebhookDelivery: 'NEVER',
  WebhookDeliveryConnection: 'NEVER',
  WebhookDeliveryEdge: 'NEVER',
  WebhookEndpoint: 'NEVER',
  WebhookEndpointPayload: 'NEVER',

  CommunitySafetyPartnership: [GEOGRAPHY],
  LocalAuthority: [GEOGRAPHY],
  PoliceForceArea: [GEOGRAPHY],
  GovernancePeriod: [GEOGRAPHY, INFLUENCING],

  Organisation: [ORGANISATIONS],
  OrganisationConnection: [ORGANISATIONS],
  OrganisationEdge: [ORGANISATIONS],
  OrganisationPayload: [ORGANISATIONS],
  OrganisationVerification: [ORGANISATIONS],
  VerificationEvidence: [ORGANISATIONS],
  Specialism: [ORGANISATIONS],
  CreateSpecialismPayload: [ORGANISATIONS],

  LocalNetwork: [NETWORKS],
  LocalNetworkConnection: [NETWORKS],
  LocalNetworkEdge: [NETWORKS],
  MembershipChange: [NETWORKS],
  MembershipPayload: [NETWORKS],
  NetworkMembership: [NETWORKS],
  NetworkPayload: [NETWORKS],
  NetworkStatusChange: [NETWORKS],

  AreaCoverage: [COVERAGE],
  CoveragePrioritiesPayload: [COVERAGE],
  CoverageReport: [COVERAGE],
  CoverageSnapshot: [COVERAGE],
  NationalCoverage: [COVERAGE],
  SpecialismCoverage: [COVERAGE],

  CalendarFeed: 'NEVER', // a person's secret feed address
  CalendarFeedPayload: 'NEVER',
  CreateCalendarFeedPayload: 'NEVER',
  EventClash: 'NEVER', // computed against the clock
  ConfirmSchedulingPollPayload: [EVENTS],
  Event: [EVENTS],
  EventAgendaItem: [EVENTS],
  EventChange: [EVENTS],
  EventConnection: [EVENTS],
  EventEdge: [EVENTS],
  EventOccurrence: [EVENTS],
  EventPayload: [EVENTS],
  RescheduleEventPayload: [EVENTS],
  RescheduledException: [EVENTS],
  EventRsvp: [EVENTS],
  PollSlot: [EVENTS],
  PollSlotAnswer: [EVENTS],
  PollSlotTally: [EVENTS],
  PollTallyUpdate: [EVENTS],
  RsvpPayload: [EVENTS],
  RsvpTally: [EVENTS],
  SchedulingPoll: [EVENTS],
  SchedulingPollPayload: [EVENTS],

  DraftPresence: 'NEVER', // live presence, kept outside the database
  PresencePayload: 'NEVER',
  PresenceUpdate: 'NEVER',
  AttributedParagraph: [DRAFTING],
  CommentPayload: [DRAFTING],
  DiffPart: [DRAFTING],
  EditConflict: [DRAFTING],
  EditSectionResult: [DRAFTING],
  JointPosition: [DRAFTING],
  JointPositionPayload: [DRAFTING],
  PositionChange: [DRAFTING],
  PositionComment: [DRAFTING],
  PositionRevision: [DRAFTING],
  PositionSection: [DRAFTING],
  PositionSubmission: [DRAFTING],
  PositionSuggestion: [DRAFTING],
  PositionText: [DRAFTING],
  SectionEdited: [DRAFTING],
  SectionPayload: [DRAFTING],
  SectionText: [DRAFTING],
  SignOn: [DRAFTING],
  SignOnPayload: [DRAFTING],
  SuggestionPayload: [DRAFTING],

  AreaCommitments: [INFLUENCING],
  CommissionerOffice: [INFLUENCING],
  Commitment: [INFLUENCING],
  CommitmentPayload: [INFLUENCING],
  CommitmentStatusChange: [INFLUENCING],
  ElectionCandidate: [INFLUENCING],
  ElectionCandidatePayload: [INFLUENCING],
  ElectionContest: [INFLUENCING],
  ElectionRound: [INFLUENCING],
  ElectionRoundPayload: [INFLUENCING],
  Engagement: [INFLUENCING],
  EngagementAsk: [INFLUENCING],
  EngagementPayload: [INFLUENCING],
  GovernanceChangePayload: [INFLUENCING],
  HustingsPayload: [INFLUENCING],
  JusticeDataLabResult: [INFLUENCING],
  JusticeDataLabResultPayload: [INFLUENCING],
  OfficeHolder: [INFLUENCING],
  OfficeHolderPayload: [INFLUENCING],
  PlanPriority: [INFLUENCING],
  PoliceCrimePlan: [INFLUENCING],
  PoliceCrimePlanPayload: [INFLUENCING],
};

/**
 * Fields that read more than their own type and the type they return (`Type.field`). A field is
 * resolved from its parent's data and returns its type's, so both count already: list here only
 * what a resolver reads besides (another family's table, the activity log).
 */
export const FIELD_READS: Readonly<Record<string, Reads>> = {
  // Status, its reasons and the roll-ups of it read the last activity of an area's networks: any
  // verb that names a network (the recorder refuses one naming a network outside these families).
  'AreaCoverage.status': NETWORK_ACTIVITY_FAMILIES,
  'AreaCoverage.reasons': NETWORK_ACTIVITY_FAMILIES,
  'AreaCoverage.lastActivityAt': NETWORK_ACTIVITY_FAMILIES,
  'AreaCoverage.daysSinceLastActivity': NETWORK_ACTIVITY_FAMILIES,
  'NationalCoverage.green': NETWORK_ACTIVITY_FAMILIES,
  'NationalCoverage.amber': NETWORK_ACTIVITY_FAMILIES,
  'NationalCoverage.red': NETWORK_ACTIVITY_FAMILIES,
  'CoverageSnapshot.status': NETWORK_ACTIVITY_FAMILIES,
  'Query.coveragePriorities': [COVERAGE],
  'CoverageReport.priorities': [COVERAGE],
  // Filtered by the governance type, which influencing plans.
  'Query.policeForceAreas': [INFLUENCING],
};

/** The families an answer may have read, closed over their dependencies, in declaration order. */
export type ReadSet = readonly ActivityFamily[];

/**
 * The read set of a query document: every field it selects reads its parent type, the type it
 * returns (every possible type of an interface or union) and its entry in `FIELD_READS`, mapped to
 * families and closed over their dependencies. Anything unknown reads everything (the old whole-
 * database version). Over the whole document (all its operations and fragments): a superset of
 * any one operation's, known from the query text alone, as the HTTP fast path needs.
 */
export function readSetOf(schema: GraphQLSchema, document: DocumentNode): ReadSet | null {
  const families = new Set<ActivityFamily>();
  let never = false;
  const add = (reads: Reads | undefined): void => {
    if (reads === 'NEVER') {
      never = true;
    } else {
      for (const family of reads === undefined || reads === 'ALL' ? ACTIVITY_FAMILIES : reads) {
        families.add(family);
      }
    }
  };
  const addType = (type: GraphQLNamedType | null | undefined): void => {
    if (!type) {
      add('ALL');
    } else if (isCompositeType(type)) {
      add(TYPE_READS[type.name]);
      if (isAbstractType(type)) {
        schema.getPossibleTypes(type).forEach(addType);
      }
    }
  };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition() {
        addType(typeInfo.getType() ? getNamedType(typeInfo.getType()) : null);
      },
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (node.name.value.startsWith('__')) {
          return; // introspection: `__typename` is the parent's, and the schema is no data
        }
        if (!parent || !field) {
          add('ALL'); // not in the schema: validation refuses it, but stay safe
          return;
        }
        addType(parent);
        addType(getNamedType(field.type));
        add(FIELD_READS[`${parent.name}.${field.name}`] ?? []);
      },
    }),
  );
  return never ? null : withDependencies(families);
}

/** Characters of query text a cache keyed by it keeps (UTF-16: up to twice as many bytes). */
export const MAX_SOURCE_CHARS = 4 * 1024 * 1024;

/** LRU options for a cache keyed by query text: each entry charged its text's length and a little more. */
export const chargedByText = {
  maxSize: MAX_SOURCE_CHARS,
  sizeCalculation: (_value: unknown, text: string): number => text.length + 256,
};

/** Read sets by query text, computed once per distinct document (bounded, texts charged by length). */
export class ReadSets {
  private readonly known = new LRUCache<string, { readSet: ReadSet | null }>({
    max: 2_000,
    ...chargedByText,
  });

  of(schema: GraphQLSchema, source: string, document: DocumentNode): ReadSet | null {
    let entry = this.known.get(source);
    if (!entry) {
      entry = { readSet: readSetOf(schema, document) };
      this.known.set(source, entry);
    }
    return entry.readSet;
  }
}
