import {
  Action,
  listedFromInput,
  networkArgument,
  type OperationRule,
  operationPolicy,
  organisationInInput,
  type ReachRule,
  uuidOr,
} from '@app/common';
import { DraftingPolicyFacts } from './drafting-policy-facts';

type Facts = DraftingPolicyFacts;

const positionMembers = listedFromInput<Facts>(
  Action.PEOPLE_OF_LISTED_ORGANISATIONS,
  'positionId',
  (facts, id) => facts.positionMembers(id),
  "the active members of the draft's network",
);
const sectionMembers = listedFromInput<Facts>(
  Action.PEOPLE_OF_LISTED_ORGANISATIONS,
  'sectionId',
  (facts, id) => facts.sectionMembers(id),
  "the active members of the network of the section's draft",
);
const positionConvenors = listedFromInput<Facts>(
  Action.PEOPLE_OF_LISTED_ORGANISATIONS,
  'positionId',
  (facts, id) => facts.positionConvenors(id),
  "the active convenors of the draft's network",
);
/** The network (and area) of the draft named by a top-level argument. */
const positionArgument = (name: string): ReachRule<Facts> => ({
  of: async (args, facts, places) => {
    const positionId = uuidOr(args[name]);
    return places.network(positionId && (await facts.positionNetwork(positionId)));
  },
  name: `the network (and area) of the draft named by \`${name}\``,
});
/** Each person moves only their own presence; readers of the draft (checked in the resolver). */
const ownPresence: OperationRule<Facts> = { action: Action.ANY_PERSON, resourceName: 'their own presence in a draft' };

/** Who may run the drafting context's root operations (enforced by the API's guard). */
export const draftingOperationPolicy = operationPolicy<Facts>(
  'drafting',
  {
    // A draft is read by its network's members, and by anyone once submitted (checked in the service).
    'Query.jointPosition': { action: Action.ANYONE, reach: positionArgument('id') },
    'Query.jointPositions': { action: Action.ANYONE, reach: networkArgument('networkId') },
    'Subscription.positionChanges': { action: Action.ANYONE, reach: positionArgument('positionId') },
    'Mutation.createJointPosition': listedFromInput<Facts>(
      Action.PEOPLE_OF_LISTED_ORGANISATIONS,
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
    'Subscription.positionPresence': ownPresence,
    'Mutation.movePresence': ownPresence,
    'Mutation.addComment': sectionMembers,
    'Mutation.suggestChange': sectionMembers,
    'Mutation.resolveComment': listedFromInput<Facts>(
      Action.PEOPLE_OF_LISTED_ORGANISATIONS,
      'commentId',
      (facts, id) => facts.commentMembers(id),
      "the active members of the network of the comment's draft",
    ),
    'Mutation.decideSuggestion': listedFromInput<Facts>(
      Action.PEOPLE_OF_LISTED_ORGANISATIONS,
      'suggestionId',
      (facts, id) => facts.suggestionDeciders(id),
      "the section's lead organisation and the network's active convenors",
    ),
    'Mutation.signOnToPosition': {
      action: Action.ADMINS_OF_ORGANISATION,
      resource: organisationInInput('organisationId'),
      resourceName: 'the signing organisation named in the input (its admins sign)',
    },
  },
  DraftingPolicyFacts,
);
