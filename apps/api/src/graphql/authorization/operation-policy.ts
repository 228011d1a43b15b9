import { isUUID } from 'class-validator';
import { Action, type Reach, type Resource } from '@app/identity';
import type { DraftingPolicyFacts } from '@app/drafting';
import type { EventPolicyFacts } from '@app/events';
import type { InfluencingPolicyFacts } from '@app/influencing';
import type { NetworkService } from '@app/networks';

/** What the policy may look up about the resource an operation names (guards run before pipes). */
export type PolicyFacts = Pick<NetworkService, 'convenorsOf' | 'membershipFacts' | 'areaCodeOf'> &
  Pick<EventPolicyFacts, 'eventOrganisers' | 'pollConvenors' | 'networkMembers' | 'pollNetworkMembers' | 'eventPlace'> &
  Pick<
    DraftingPolicyFacts,
    | 'positionMembers'
    | 'sectionMembers'
    | 'positionConvenors'
    | 'commentMembers'
    | 'suggestionDeciders'
    | 'positionNetwork'
  > &
  Pick<InfluencingPolicyFacts, 'engagementMembers' | 'engagementConvenors' | 'commitmentMembers' | 'engagementNetwork'>;

export const policyFacts = (
  networks: NetworkService,
  events: EventPolicyFacts,
  drafting: DraftingPolicyFacts,
  influencing: InfluencingPolicyFacts,
): PolicyFacts => ({
  convenorsOf: (id) => networks.convenorsOf(id),
  membershipFacts: (id) => networks.membershipFacts(id),
  areaCodeOf: (id) => networks.areaCodeOf(id),
  eventPlace: (id) => events.eventPlace(id),
  positionNetwork: (id) => drafting.positionNetwork(id),
  engagementNetwork: (id) => influencing.engagementNetwork(id),
  eventOrganisers: (id) => events.eventOrganisers(id),
  pollConvenors: (id) => events.pollConvenors(id),
  networkMembers: (id) => events.networkMembers(id),
  pollNetworkMembers: (id) => events.pollNetworkMembers(id),
  positionMembers: (id) => drafting.positionMembers(id),
  sectionMembers: (id) => drafting.sectionMembers(id),
  positionConvenors: (id) => drafting.positionConvenors(id),
  commentMembers: (id) => drafting.commentMembers(id),
  suggestionDeciders: (id) => drafting.suggestionDeciders(id),
  engagementMembers: (id) => influencing.engagementMembers(id),
  engagementConvenors: (id) => influencing.engagementConvenors(id),
  commitmentMembers: (id) => influencing.commitmentMembers(id),
});

export interface OperationPolicy {
  readonly action: Action;
  /** Picks the resource the action applies to out of the operation's arguments. */
  readonly resource?: (args: Record<string, unknown>, facts: PolicyFacts) => Resource | Promise<Resource>;
  /** What the resource is, in words (for docs/authorization.md). */
  readonly resourceName?: string;
  /** What part of the country a read covers, for API tokens; without it, national (NATIONAL tokens only). */
  readonly reach?: ReachRule;
}

export interface ReachRule {
  readonly of: (args: Record<string, unknown>, facts: PolicyFacts) => Reach | Promise<Reach>;
  /** In words, for docs/authorization.md. */
  readonly name: string;
}

/** The resource the guard checks: the rule's, and for an API token also what the read reaches. */
export async function resourceOf(
  rule: OperationPolicy,
  args: Record<string, unknown>,
  facts: PolicyFacts,
  apiToken: boolean,
): Promise<Resource> {
  const resource = rule.resource ? await rule.resource(args, facts) : {};
  return apiToken ? { ...resource, reach: rule.reach ? await rule.reach.of(args, facts) : {} } : resource;
}

const inputOf = (args: Record<string, unknown>): Record<string, unknown> =>
  (args.input as Record<string, unknown> | undefined) ?? {};
/** Ids are checked before any lookup: the guard sees arguments before validation does. */
const uuidOr = (value: unknown): string | null => (typeof value === 'string' && isUUID(value) ? value : null);

const organisation = (id: unknown): Resource => ({ organisationId: typeof id === 'string' ? id : '' });
/** The organisation is named by a field of the `input` argument… */
const byInput =
  (
    field: 'id' | 'organisationId' | 'convenorOrganisationId' | 'organiserOrganisationId',
  ): OperationPolicy['resource'] =>
  (args) =>
    organisation(inputOf(args)[field]);
/** …or by a top-level argument. */
const byArgument =
  (name: 'organisationId'): OperationPolicy['resource'] =>
  (args) =>
    organisation(args[name]);

const ORGANISATION = 'the organisation named in the arguments';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const fieldsOf = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/** A network and its area; national (nothing named) when there is no such network. */
async function networkReach(id: unknown, facts: PolicyFacts): Promise<Reach> {
  const networkId = uuidOr(id);
  const policeForceAreaCode = networkId ? await facts.areaCodeOf(networkId) : null;
  return networkId && policeForceAreaCode ? { networkId, policeForceAreaCode } : {};
}
async function eventReach(id: unknown, facts: PolicyFacts): Promise<Reach> {
  const eventId = uuidOr(id);
  return (eventId && (await facts.eventPlace(eventId))) || {};
}
/** A top-level id argument read through `look`. */
const byId = (name: string, look: (id: unknown, facts: PolicyFacts) => Promise<Reach>, what: string): ReachRule => ({
  of: (args, facts) => look(args[name], facts),
  name: what,
});

/** Vocabularies and the caller's own session: the same whatever the scope. */
const PLACELESS: ReachRule = { of: () => ({ placeless: true }), name: 'any scope (nothing tied to a place)' };
/** A feed's `scope` argument (national when not given). */
const FEED: ReachRule = {
  of: async (args, facts) => {
    const scope = fieldsOf(args.scope);
    const target = text(scope.target);
    switch (scope.kind) {
      case 'POLICE_FORCE_AREA':
        return { policeForceAreaCode: target };
      case 'ORGANISATION':
        return { organisationId: target };
      case 'NETWORK':
        return networkReach(target, facts);
      case 'EVENT':
        return eventReach(target, facts);
      default:
        return {};
    }
  },
  name: 'the area, network, organisation or event named by `scope`',
};
const AREA_ARGUMENT = (name: string): ReachRule => ({
  of: (args) => ({ policeForceAreaCode: text(args[name]) }),
  name: `the area named by \`${name}\``,
});
const NETWORK_ARGUMENT = (name: string): ReachRule =>
  byId(name, networkReach, `the network named by \`${name}\` (and its area)`);
const EVENT_ARGUMENT = (name: string): ReachRule =>
  byId(name, eventReach, `the event named by \`${name}\` (its area, network and organiser)`);
const POSITION_ARGUMENT = (name: string): ReachRule =>
  byId(
    name,
    async (id, facts) => {
      const positionId = uuidOr(id);
      return networkReach(positionId && (await facts.positionNetwork(positionId)), facts);
    },
    `the network (and area) of the draft named by \`${name}\``,
  );
/** Lists narrowed to an area or a network by top-level arguments (national when neither is given). */
const AREA_OR_NETWORK_ARGUMENTS: ReachRule = {
  of: async (args, facts) => {
    const network = args.networkId ? await networkReach(args.networkId, facts) : {};
    return { ...network, policeForceAreaCode: text(args.policeForceAreaCode) ?? network.policeForceAreaCode };
  },
  name: 'the area or network named by `policeForceAreaCode` / `networkId`',
};
const EVENT_FILTER: ReachRule = {
  of: async (args, facts) => {
    const filter = fieldsOf(args.filter);
    const network = filter.networkId ? await networkReach(filter.networkId, facts) : {};
    return {
      policeForceAreaCode: text(filter.policeForceAreaCode) ?? network.policeForceAreaCode,
      networkId: network.networkId,
      organisationId: text(filter.organiserOrganisationId),
    };
  },
  name: 'the area, network or organiser named in `filter`',
};

/** The active convenors of the network named by `input.networkId`. */
const networkConvenors: OperationPolicy = {
  action: Action.CONVENE_NETWORK,
  resource: async (args, facts) => {
    const id = uuidOr(inputOf(args).networkId);
    return { organisationIds: id ? await facts.convenorsOf(id) : [] };
  },
  resourceName: 'the active convenors of the network named in the input',
};
/** The active convenors of the network of the membership named by `input.membershipId`. */
const membershipConvenors: OperationPolicy = {
  action: Action.CONVENE_NETWORK,
  resource: async (args, facts) => {
    const id = uuidOr(inputOf(args).membershipId);
    return { organisationIds: (id && (await facts.membershipFacts(id))?.convenorOrganisationIds) || [] };
  },
  resourceName: "the active convenors of the membership's network",
};
/** The organisation whose membership `input.membershipId` names. */
const membershipOrganisation: OperationPolicy = {
  action: Action.MANAGE_ORGANISATION,
  resource: async (args, facts) => {
    const id = uuidOr(inputOf(args).membershipId);
    return organisation((id && (await facts.membershipFacts(id))?.organisationId) || '');
  },
  resourceName: "the membership's organisation",
};

/** A new event's organisers: the network's active convenors, or the organising organisation. */
const newEventOrganisers: OperationPolicy = {
  action: Action.ORGANISE_EVENT,
  resource: async (args, facts) => {
    const input = inputOf(args);
    const networkId = uuidOr(input.networkId);
    const organiserId = uuidOr(input.organiserOrganisationId);
    return { organisationIds: networkId ? await facts.convenorsOf(networkId) : organiserId ? [organiserId] : [] };
  },
  resourceName: "the network's active convenors, or the organising organisation, named in the input",
};
/** The organisers of the event named by `input.eventId`. */
const eventOrganisers: OperationPolicy = {
  action: Action.ORGANISE_EVENT,
  resource: async (args, facts) => {
    const id = uuidOr(inputOf(args).eventId);
    return { organisationIds: id ? await facts.eventOrganisers(id) : [] };
  },
  resourceName: "the event's organisers",
};
/** The active convenors of the network of the poll named by `input.pollId`. */
const pollConvenors: OperationPolicy = {
  action: Action.CONVENE_NETWORK,
  resource: async (args, facts) => {
    const id = uuidOr(inputOf(args).pollId);
    return { organisationIds: id ? await facts.pollConvenors(id) : [] };
  },
  resourceName: "the active convenors of the poll's network",
};
/** The active members of the poll's network, the poll named by the top-level argument `name`. */
const pollMembers = (name: 'id' | 'pollId'): OperationPolicy => ({
  action: Action.READ_NETWORK_PRIVATE,
  resource: async (args, facts) => {
    const id = uuidOr(args[name]);
    return { organisationIds: id ? await facts.pollNetworkMembers(id) : [] };
  },
  resourceName: "the active members of the poll's network",
});
/** Organisations found from an id in `input` (checked to be a UUID first). */
const fromInput = (
  action: Action,
  field: 'networkId' | 'positionId' | 'sectionId' | 'commentId' | 'suggestionId' | 'engagementId' | 'commitmentId',
  look: (facts: PolicyFacts, id: string) => Promise<string[]>,
  resourceName: string,
): OperationPolicy => ({
  action,
  resource: async (args, facts) => {
    const id = uuidOr(inputOf(args)[field]);
    const organisationIds = id ? await look(facts, id) : [];
    // Nothing found for a well-formed id: it names nothing (a network always has an active convenor).
    return id && organisationIds.length === 0 ? { missing: `input.${field}` } : { organisationIds };
  },
  resourceName,
});
const positionMembers = fromInput(
  Action.READ_NETWORK_PRIVATE,
  'positionId',
  (facts, id) => facts.positionMembers(id),
  "the active members of the draft's network",
);
const sectionMembers = fromInput(
  Action.READ_NETWORK_PRIVATE,
  'sectionId',
  (facts, id) => facts.sectionMembers(id),
  "the active members of the network of the section's draft",
);
const positionConvenors = fromInput(
  Action.CONVENE_NETWORK,
  'positionId',
  (facts, id) => facts.positionConvenors(id),
  "the active convenors of the draft's network",
);
/** Acting for the organisation named by `input.organisationId` (answering for it). */
const forOrganisation: OperationPolicy = {
  action: Action.ACT_FOR_ORGANISATION,
  resource: byInput('organisationId'),
  resourceName: 'the organisation answered for, named in the input',
};

/**
 * Every root operation of the schema and the action it performs. An operation missing
 * here is refused for everyone (fail closed), and the policy test fails. A read without a
 * `reach` is national: API tokens scoped to an area, a network or an organisation are refused.
 */
export const OPERATION_POLICY: Readonly<Record<string, OperationPolicy>> = {
  'Query.policeForceAreas': { action: Action.READ_PUBLIC },
  'Query.policeForceArea': { action: Action.READ_PUBLIC, reach: AREA_ARGUMENT('code') },
  'Query.localAuthorities': {
    action: Action.READ_PUBLIC,
    reach: {
      of: (args) => ({ policeForceAreaCode: text(fieldsOf(args.filter).policeForceAreaCode) }),
      name: 'the area named in `filter`',
    },
  },
  'Query.localAuthority': { action: Action.READ_PUBLIC },
  'Query.organisations': {
    action: Action.READ_PUBLIC,
    reach: {
      of: (args) => ({ policeForceAreaCode: text(fieldsOf(args.filter).servesPoliceForceAreaCode) }),
      name: 'the area named by `filter.servesPoliceForceAreaCode`',
    },
  },
  'Query.organisation': {
    action: Action.READ_PUBLIC,
    reach: { of: (args) => ({ organisationId: text(args.id) }), name: 'the organisation named by `id`' },
  },
  'Query.specialisms': { action: Action.READ_PUBLIC, reach: PLACELESS },
  'Query.me': { action: Action.READ_SELF, reach: PLACELESS },
  // Items are filtered per viewer by visibility in the feed service.
  'Query.activity': { action: Action.READ_PUBLIC, reach: FEED },
  'Subscription.activity': { action: Action.READ_PUBLIC, reach: FEED },
  'Mutation.signIn': { action: Action.SIGN_IN, reach: PLACELESS },
  'Mutation.refreshSession': { action: Action.SIGN_IN, reach: PLACELESS },
  'Mutation.signOut': { action: Action.SIGN_IN, reach: PLACELESS },
  'Mutation.setPasswordWithToken': { action: Action.SIGN_IN, reach: PLACELESS },
  // Account recovery: the emailed token (or the same answer for any address) is the check.
  'Mutation.requestPasswordReset': { action: Action.SIGN_IN, reach: PLACELESS },
  'Mutation.resetPassword': { action: Action.SIGN_IN, reach: PLACELESS },
  'Mutation.confirmEmailChange': { action: Action.SIGN_IN, reach: PLACELESS },
  'Mutation.changePassword': { action: Action.ACT_AS_SELF },
  'Mutation.requestEmailChange': { action: Action.ACT_AS_SELF },
  // Notifications: the signed-in person's own messages and choices.
  'Query.notifications': { action: Action.ACT_AS_SELF },
  'Mutation.updateNotificationPreferences': { action: Action.ACT_AS_SELF },
  'Mutation.markNotificationsRead': { action: Action.ACT_AS_SELF },
  'Mutation.createOrganisation': { action: Action.CREATE_ORGANISATION },
  'Mutation.updateOrganisation': {
    action: Action.MANAGE_ORGANISATION,
    resource: byInput('id'),
    resourceName: ORGANISATION,
  },
  'Mutation.archiveOrganisation': {
    action: Action.MANAGE_ORGANISATION,
    resource: byInput('id'),
    resourceName: ORGANISATION,
  },
  'Mutation.createSpecialism': { action: Action.MANAGE_VOCABULARY },
  'Query.apiTokens': {
    action: Action.MANAGE_ORGANISATION,
    resource: byArgument('organisationId'),
    resourceName: ORGANISATION,
  },
  'Mutation.createApiToken': {
    action: Action.MANAGE_ORGANISATION,
    resource: byInput('organisationId'),
    resourceName: ORGANISATION,
  },
  'Mutation.revokeApiToken': {
    action: Action.MANAGE_ORGANISATION,
    resource: byInput('organisationId'),
    resourceName: ORGANISATION,
  },
  'Query.invitations': {
    action: Action.MANAGE_ORGANISATION,
    resource: byArgument('organisationId'),
    resourceName: ORGANISATION,
  },
  'Mutation.inviteToOrganisation': {
    action: Action.MANAGE_ORGANISATION,
    resource: byInput('organisationId'),
    resourceName: ORGANISATION,
  },
  'Mutation.acceptInvitation': { action: Action.ACCEPT_INVITATION },
  'Query.networks': {
    action: Action.READ_PUBLIC,
    reach: {
      of: (args) => {
        const filter = fieldsOf(args.filter);
        return {
          policeForceAreaCode: text(filter.policeForceAreaCode),
          organisationId: text(filter.convenorOrganisationId) ?? text(filter.memberOrganisationId),
        };
      },
      name: 'the area, or the convening or member organisation, named in `filter`',
    },
  },
  'Query.network': { action: Action.READ_PUBLIC, reach: NETWORK_ARGUMENT('id') },
  'Mutation.createNetwork': {
    action: Action.CREATE_NETWORK,
    resource: byInput('convenorOrganisationId'),
    resourceName: 'the convening CVS named in the input',
  },
  'Mutation.updateNetwork': networkConvenors,
  'Mutation.changeNetworkStatus': networkConvenors,
  'Mutation.inviteToNetwork': networkConvenors,
  'Mutation.handOverConvening': networkConvenors,
  'Mutation.requestToJoinNetwork': {
    action: Action.MANAGE_ORGANISATION,
    resource: byInput('organisationId'),
    resourceName: ORGANISATION,
  },
  'Mutation.answerNetworkInvitation': membershipOrganisation,
  'Mutation.leaveNetwork': membershipOrganisation,
  'Mutation.answerJoinRequest': membershipConvenors,
  'Mutation.removeFromNetwork': membershipConvenors,
  'Mutation.changeMembershipRole': membershipConvenors,
  'Query.coverage': { action: Action.READ_PUBLIC },
  'Query.coverageHistory': { action: Action.READ_PUBLIC, reach: AREA_ARGUMENT('policeForceAreaCode') },
  'Query.coveragePriorities': { action: Action.READ_PUBLIC, reach: PLACELESS },
  'Mutation.setCoveragePriorities': { action: Action.MANAGE_VOCABULARY },
  // Events are filtered per viewer by visibility in the event service, and per subscriber live.
  'Query.events': { action: Action.READ_PUBLIC, reach: EVENT_FILTER },
  'Query.event': { action: Action.READ_PUBLIC, reach: EVENT_ARGUMENT('id') },
  'Query.eventOccurrences': { action: Action.READ_PUBLIC, reach: EVENT_FILTER },
  'Subscription.eventChanges': { action: Action.READ_PUBLIC, reach: FEED },
  'Subscription.eventRsvpTally': { action: Action.READ_PUBLIC, reach: EVENT_ARGUMENT('eventId') },
  'Mutation.createEvent': newEventOrganisers,
  'Mutation.updateEvent': eventOrganisers,
  'Mutation.rescheduleEvent': eventOrganisers,
  'Mutation.changeEventStatus': eventOrganisers,
  'Mutation.changeEventOccurrence': eventOrganisers,
  'Mutation.setEventAgenda': eventOrganisers,
  'Mutation.recordEventMinutes': eventOrganisers,
  'Mutation.answerEvent': forOrganisation,
  'Query.calendarFeeds': { action: Action.ACT_AS_SELF },
  'Query.schedulingPoll': pollMembers('id'),
  'Query.schedulingPolls': {
    action: Action.READ_NETWORK_PRIVATE,
    resource: async (args, facts) => {
      const id = uuidOr(args.networkId);
      return { organisationIds: id ? await facts.networkMembers(id) : [] };
    },
    resourceName: 'the active members of the network named in the arguments',
  },
  // Checked again for every tally sent (a member organisation may leave).
  'Subscription.schedulingPollTally': pollMembers('pollId'),
  'Mutation.createSchedulingPoll': networkConvenors,
  'Mutation.answerSchedulingPoll': forOrganisation,
  'Mutation.confirmSchedulingPoll': pollConvenors,
  'Mutation.closeSchedulingPoll': pollConvenors,
  // A draft is read by its network's members, and by anyone once submitted (checked in the service).
  'Query.jointPosition': { action: Action.READ_PUBLIC, reach: POSITION_ARGUMENT('id') },
  'Query.jointPositions': { action: Action.READ_PUBLIC, reach: NETWORK_ARGUMENT('networkId') },
  'Subscription.positionChanges': { action: Action.READ_PUBLIC, reach: POSITION_ARGUMENT('positionId') },
  'Mutation.createJointPosition': fromInput(
    Action.READ_NETWORK_PRIVATE,
    'networkId',
    (facts, id) => facts.networkMembers(id),
    'the active members of the network named in the input',
  ),
  'Mutation.editSection': sectionMembers,
  'Mutation.removeSection': sectionMembers,
  'Mutation.moveSection': sectionMembers,
  'Mutation.addSection': positionMembers,
  'Mutation.changePositionStatus': positionConvenors,
  'Mutation.submitPosition': positionConvenors,
  'Mutation.recordPositionResponse': positionConvenors,
  // Readers of the draft (checked in the resolver); each person moves only their own presence.
  'Subscription.positionPresence': { action: Action.ACT_AS_SELF },
  'Mutation.movePresence': { action: Action.ACT_AS_SELF },
  'Mutation.addComment': sectionMembers,
  'Mutation.suggestChange': sectionMembers,
  'Mutation.resolveComment': fromInput(
    Action.READ_NETWORK_PRIVATE,
    'commentId',
    (facts, id) => facts.commentMembers(id),
    "the active members of the network of the comment's draft",
  ),
  'Mutation.decideSuggestion': fromInput(
    Action.DECIDE_SUGGESTION,
    'suggestionId',
    (facts, id) => facts.suggestionDeciders(id),
    "the section's lead organisation and the network's active convenors",
  ),
  'Mutation.signOnToPosition': {
    action: Action.MANAGE_ORGANISATION,
    resource: byInput('organisationId'),
    resourceName: 'the signing organisation named in the input (its admins sign)',
  },
  // Influencing: the public record (offices, elections, plans) is kept by platform admins.
  'Query.electionRounds': { action: Action.READ_PUBLIC },
  'Query.electionRound': { action: Action.READ_PUBLIC },
  'Mutation.recordOfficeHolder': { action: Action.MANAGE_PUBLIC_RECORD },
  'Mutation.updateOfficeHolder': { action: Action.MANAGE_PUBLIC_RECORD },
  'Mutation.planGovernanceChange': { action: Action.MANAGE_PUBLIC_RECORD },
  'Mutation.scheduleElectionRound': { action: Action.MANAGE_PUBLIC_RECORD },
  'Mutation.addElectionCandidate': { action: Action.MANAGE_PUBLIC_RECORD },
  'Mutation.linkHustings': eventOrganisers,
  'Mutation.recordPoliceCrimePlan': { action: Action.MANAGE_PUBLIC_RECORD },
  'Mutation.declarePositionPriorities': positionMembers,
  // Engagements are read by anyone when public, else by the network's members (checked in the service).
  'Query.engagements': { action: Action.READ_PUBLIC, reach: AREA_OR_NETWORK_ARGUMENTS },
  'Query.engagement': {
    action: Action.READ_PUBLIC,
    reach: byId(
      'id',
      async (id, facts) => {
        const engagementId = uuidOr(id);
        return networkReach(engagementId && (await facts.engagementNetwork(engagementId)), facts);
      },
      'the network (and area) of the engagement named by `id`',
    ),
  },
  'Query.overdueCommitments': { action: Action.READ_PUBLIC, reach: AREA_OR_NETWORK_ARGUMENTS },
  'Query.commitmentsByArea': { action: Action.READ_PUBLIC },
  'Mutation.recordEngagement': fromInput(
    Action.READ_NETWORK_PRIVATE,
    'networkId',
    (facts, id) => facts.networkMembers(id),
    'the active members of the network named in the input',
  ),
  'Mutation.addCommitment': fromInput(
    Action.READ_NETWORK_PRIVATE,
    'engagementId',
    (facts, id) => facts.engagementMembers(id),
    "the active members of the engagement's network",
  ),
  'Mutation.correctEngagement': fromInput(
    Action.CONVENE_NETWORK,
    'engagementId',
    (facts, id) => facts.engagementConvenors(id),
    "the active convenors of the engagement's network",
  ),
  'Mutation.changeCommitmentStatus': fromInput(
    Action.READ_NETWORK_PRIVATE,
    'commitmentId',
    (facts, id) => facts.commitmentMembers(id),
    "the active members of the network of the commitment's engagement",
  ),
  'Mutation.recordJusticeDataLabResult': {
    action: Action.MANAGE_ORGANISATION,
    resource: byInput('organisationId'),
    resourceName: 'the organisation named in the input (its admins keep its profile)',
  },
  'Mutation.citeEvidence': positionMembers,
  'Mutation.withdrawEvidence': positionMembers,
  'Mutation.createCalendarFeed': { action: Action.ACT_AS_SELF },
  'Mutation.revokeCalendarFeed': { action: Action.ACT_AS_SELF },
};
