import { SCOPE_REACH } from '@app/activity';
import {
  Action,
  eventArgument,
  fieldsOf,
  inputOf,
  type OperationRule,
  operationPolicy,
  organisationInInput,
  type ReachRule,
  textOr,
  uuidOr,
} from '@app/common';
import { EventPolicyFacts } from './event-policy-facts';

type Facts = EventPolicyFacts;

/** A new event's organisers: the network's active convenors, or the organising organisation. */
const newEventOrganisers: OperationRule<Facts> = {
  action: Action.PEOPLE_OF_LISTED_ORGANISATIONS,
  resource: async (args, facts) => {
    const input = inputOf(args);
    const networkId = uuidOr(input.networkId);
    const organiserId = uuidOr(input.organiserOrganisationId);
    return { organisationIds: networkId ? await facts.convenorsOf(networkId) : organiserId ? [organiserId] : [] };
  },
  resourceName: "the network's active convenors, or the organising organisation, named in the input",
};
/** The organisers of the event named by `input.eventId`. */
const eventOrganisers: OperationRule<Facts> = {
  action: Action.PEOPLE_OF_LISTED_ORGANISATIONS,
  resource: async (args, facts) => {
    const id = uuidOr(inputOf(args).eventId);
    return { organisationIds: id ? await facts.eventOrganisers(id) : [] };
  },
  resourceName: "the event's organisers (a network's active convenors, or the organising organisation)",
};
/** The active convenors of the network of the poll named by `input.pollId`. */
const pollConvenors: OperationRule<Facts> = {
  action: Action.PEOPLE_OF_LISTED_ORGANISATIONS,
  resource: async (args, facts) => {
    const id = uuidOr(inputOf(args).pollId);
    return { organisationIds: id ? await facts.pollConvenors(id) : [] };
  },
  resourceName: "the active convenors of the poll's network",
};
/** The active members of the poll's network, the poll named by the top-level argument `name`. */
const pollMembers = (name: 'id' | 'pollId'): OperationRule<Facts> => ({
  action: Action.PEOPLE_OF_LISTED_ORGANISATIONS,
  resource: async (args, facts) => {
    const id = uuidOr(args[name]);
    return { organisationIds: id ? await facts.pollNetworkMembers(id) : [] };
  },
  resourceName: "the active members of the poll's network",
});
/** Answering for the organisation named by `input.organisationId`. */
const forOrganisation: OperationRule<Facts> = {
  action: Action.PEOPLE_OF_ORGANISATION,
  resource: organisationInInput('organisationId'),
  resourceName: 'the organisation answered for, named in the input',
};
const EVENT_FILTER: ReachRule = {
  of: async (args, _facts, places) => {
    const filter = fieldsOf(args.filter);
    const network = filter.networkId ? await places.network(filter.networkId) : {};
    return {
      policeForceAreaCode: textOr(filter.policeForceAreaCode) ?? network.policeForceAreaCode,
      networkId: network.networkId,
      organisationId: textOr(filter.organiserOrganisationId),
    };
  },
  name: 'the area, network or organiser named in `filter`',
};

/** Who may run the events context's root operations (enforced by the API's guard). */
export const eventsOperationPolicy = operationPolicy<Facts>(
  'events',
  {
    // Events are filtered per viewer by visibility in the event service, and per subscriber live.
    'Query.events': { action: Action.ANYONE, reach: EVENT_FILTER },
    'Query.event': { action: Action.ANYONE, reach: eventArgument('id') },
    'Query.eventOccurrences': { action: Action.ANYONE, reach: EVENT_FILTER },
    'Subscription.eventChanges': { action: Action.ANYONE, reach: SCOPE_REACH },
    'Subscription.eventRsvpTally': { action: Action.ANYONE, reach: eventArgument('eventId') },
    'Mutation.createEvent': newEventOrganisers,
    'Mutation.updateEvent': eventOrganisers,
    'Mutation.rescheduleEvent': eventOrganisers,
    'Mutation.changeEventStatus': eventOrganisers,
    'Mutation.changeEventOccurrence': eventOrganisers,
    'Mutation.setEventAgenda': eventOrganisers,
    'Mutation.recordEventMinutes': eventOrganisers,
    'Mutation.answerEvent': forOrganisation,
    'Query.calendarFeeds': { action: Action.ANY_PERSON, resourceName: 'their own calendar feeds' },
    'Mutation.createCalendarFeed': { action: Action.ANY_PERSON, resourceName: 'their own calendar feeds' },
    'Mutation.revokeCalendarFeed': { action: Action.ANY_PERSON, resourceName: 'their own calendar feeds' },
    'Query.schedulingPoll': pollMembers('id'),
    'Query.schedulingPolls': {
      action: Action.PEOPLE_OF_LISTED_ORGANISATIONS,
      resource: async (args, facts) => {
        const id = uuidOr(args.networkId);
        return { organisationIds: id ? await facts.networkMembers(id) : [] };
      },
      resourceName: 'the active members of the network named in the arguments',
    },
    // Checked again for every tally sent (a member organisation may leave).
    'Subscription.schedulingPollTally': pollMembers('pollId'),
    'Mutation.createSchedulingPoll': {
      action: Action.PEOPLE_OF_LISTED_ORGANISATIONS,
      resource: async (args, facts) => {
        const id = uuidOr(inputOf(args).networkId);
        return { organisationIds: id ? await facts.convenorsOf(id) : [] };
      },
      resourceName: 'the active convenors of the network named in the input',
    },
    'Mutation.answerSchedulingPoll': forOrganisation,
    'Mutation.confirmSchedulingPoll': pollConvenors,
    'Mutation.closeSchedulingPoll': pollConvenors,
  },
  EventPolicyFacts,
);
