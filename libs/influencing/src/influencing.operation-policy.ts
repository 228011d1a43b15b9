import {
  Action,
  AREA_OR_NETWORK_ARGUMENTS,
  inputOf,
  listedFromInput,
  type OperationRule,
  operationPolicy,
  organisationInInput,
  uuidOr,
} from '@app/common';
import { InfluencingPolicyFacts } from './influencing-policy-facts';

type Facts = InfluencingPolicyFacts;

/** The public record (offices, elections, plans) is kept by platform admins. */
const publicRecord: OperationRule<Facts> = {
  action: Action.PLATFORM_ADMINS,
  resourceName: 'the public record (office-holders, elections, police and crime plans, changes of governance)',
};
const positionMembers = listedFromInput<Facts>(
  Action.PEOPLE_OF_LISTED_ORGANISATIONS,
  'positionId',
  (facts, id) => facts.positionMembers(id),
  "the active members of the draft's network",
);

/** Who may run the influencing context's root operations (enforced by the API's guard). */
export const influencingOperationPolicy = operationPolicy<Facts>(
  'influencing',
  {
    'Query.electionRounds': { action: Action.ANYONE },
    'Query.electionRound': { action: Action.ANYONE },
    'Mutation.recordOfficeHolder': publicRecord,
    'Mutation.updateOfficeHolder': publicRecord,
    'Mutation.planGovernanceChange': publicRecord,
    'Mutation.scheduleElectionRound': publicRecord,
    'Mutation.addElectionCandidate': publicRecord,
    'Mutation.recordPoliceCrimePlan': publicRecord,
    'Mutation.linkHustings': {
      action: Action.PEOPLE_OF_LISTED_ORGANISATIONS,
      resource: async (args, facts) => {
        const id = uuidOr(inputOf(args).eventId);
        return { organisationIds: id ? await facts.eventOrganisers(id) : [] };
      },
      resourceName: "the hustings event's organisers",
    },
    'Mutation.declarePositionPriorities': positionMembers,
    'Mutation.citeEvidence': positionMembers,
    'Mutation.withdrawEvidence': positionMembers,
    // Engagements are read by anyone when public, else by the network's members (checked in the service).
    'Query.engagements': { action: Action.ANYONE, reach: AREA_OR_NETWORK_ARGUMENTS },
    'Query.engagement': {
      action: Action.ANYONE,
      reach: {
        of: async (args, facts, places) => {
          const engagementId = uuidOr(args.id);
          return places.network(engagementId && (await facts.engagementNetwork(engagementId)));
        },
        name: 'the network (and area) of the engagement named by `id`',
      },
    },
    'Query.overdueCommitments': { action: Action.ANYONE, reach: AREA_OR_NETWORK_ARGUMENTS },
    'Query.commitmentsByArea': { action: Action.ANYONE },
    'Mutation.recordEngagement': listedFromInput<Facts>(
      Action.PEOPLE_OF_LISTED_ORGANISATIONS,
      'networkId',
      (facts, id) => facts.networkMembers(id),
      'the active members of the network named in the input',
    ),
    'Mutation.addCommitment': listedFromInput<Facts>(
      Action.PEOPLE_OF_LISTED_ORGANISATIONS,
      'engagementId',
      (facts, id) => facts.engagementMembers(id),
      "the active members of the engagement's network",
    ),
    'Mutation.correctEngagement': listedFromInput<Facts>(
      Action.PEOPLE_OF_LISTED_ORGANISATIONS,
      'engagementId',
      (facts, id) => facts.engagementConvenors(id),
      "the active convenors of the engagement's network",
    ),
    'Mutation.changeCommitmentStatus': listedFromInput<Facts>(
      Action.PEOPLE_OF_LISTED_ORGANISATIONS,
      'commitmentId',
      (facts, id) => facts.commitmentMembers(id),
      "the active members of the network of the commitment's engagement",
    ),
    'Mutation.recordJusticeDataLabResult': {
      action: Action.ADMINS_OF_ORGANISATION,
      resource: organisationInInput('organisationId'),
      resourceName: 'the organisation named in the input (its admins keep its profile)',
    },
  },
  InfluencingPolicyFacts,
);
