import {
  Action,
  fieldsOf,
  inputOf,
  networkArgument,
  type OperationRule,
  operationPolicy,
  organisationInInput,
  organisationListedInInput,
  textOr,
  uuidOr,
} from '@app/common';
import { NetworkService } from './network.service';

/** What the networks rows look up (ids are checked to be UUIDs first). */
type Facts = Pick<NetworkService, 'convenorsOf' | 'membershipFacts'>;

/** The active convenors of the network named by `input.networkId`. */
const networkConvenors: OperationRule<Facts> = {
  action: Action.PEOPLE_OF_LISTED_ORGANISATIONS,
  resource: async (args, facts) => {
    const id = uuidOr(inputOf(args).networkId);
    return { organisationIds: id ? await facts.convenorsOf(id) : [] };
  },
  resourceName: 'the active convenors of the network named in the input',
};
/** The active convenors of the network of the membership named by `input.membershipId`. */
const membershipConvenors: OperationRule<Facts> = {
  action: Action.PEOPLE_OF_LISTED_ORGANISATIONS,
  resource: async (args, facts) => {
    const id = uuidOr(inputOf(args).membershipId);
    return { organisationIds: (id && (await facts.membershipFacts(id))?.convenorOrganisationIds) || [] };
  },
  resourceName: "the active convenors of the membership's network",
};
/** The organisation whose membership `input.membershipId` names. */
const membershipOrganisation: OperationRule<Facts> = {
  action: Action.ADMINS_OF_ORGANISATION,
  resource: async (args, facts) => {
    const id = uuidOr(inputOf(args).membershipId);
    return { organisationId: (id && (await facts.membershipFacts(id))?.organisationId) || '' };
  },
  resourceName: "the membership's organisation",
};

/** Who may run the networks context's root operations (enforced by the API's guard). */
export const networksOperationPolicy = operationPolicy<Facts>(
  'networks',
  {
    'Query.networks': {
      action: Action.ANYONE,
      reach: {
        of: (args) => {
          const filter = fieldsOf(args.filter);
          return {
            policeForceAreaCode: textOr(filter.policeForceAreaCode),
            organisationId: textOr(filter.convenorOrganisationId) ?? textOr(filter.memberOrganisationId),
          };
        },
        name: 'the area, or the convening or member organisation, named in `filter`',
      },
    },
    'Query.network': { action: Action.ANYONE, reach: networkArgument('id') },
    'Mutation.createNetwork': {
      action: Action.PEOPLE_OF_LISTED_ORGANISATIONS,
      resource: organisationListedInInput('convenorOrganisationId'),
      resourceName: 'the convening CVS named in the input (which must serve a local authority of the area)',
    },
    'Mutation.updateNetwork': networkConvenors,
    'Mutation.changeNetworkStatus': networkConvenors,
    'Mutation.inviteToNetwork': networkConvenors,
    'Mutation.handOverConvening': networkConvenors,
    'Mutation.requestToJoinNetwork': {
      action: Action.ADMINS_OF_ORGANISATION,
      resource: organisationInInput('organisationId'),
      resourceName: 'the organisation named in the arguments',
    },
    'Mutation.answerNetworkInvitation': membershipOrganisation,
    'Mutation.leaveNetwork': membershipOrganisation,
    'Mutation.answerJoinRequest': membershipConvenors,
    'Mutation.removeFromNetwork': membershipConvenors,
    'Mutation.changeMembershipRole': membershipConvenors,
  },
  NetworkService,
);
