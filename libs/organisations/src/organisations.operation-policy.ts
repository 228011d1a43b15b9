import { Action, fieldsOf, operationPolicy, organisationInInput, PLACELESS, textOr } from '@app/common';

const ORGANISATION = 'the organisation named in the arguments';

/** Who may run the organisations context's root operations (enforced by the API's guard). */
export const organisationsOperationPolicy = operationPolicy('organisations', {
  'Query.organisations': {
    action: Action.ANYONE,
    reach: {
      of: (args) => ({ policeForceAreaCode: textOr(fieldsOf(args.filter).servesPoliceForceAreaCode) }),
      name: 'the area named by `filter.servesPoliceForceAreaCode`',
    },
  },
  'Query.organisation': {
    action: Action.ANYONE,
    reach: { of: (args) => ({ organisationId: textOr(args.id) }), name: 'the organisation named by `id`' },
  },
  'Query.specialisms': { action: Action.ANYONE, reach: PLACELESS },
  'Mutation.updateOrganisation': {
    action: Action.ADMINS_OF_ORGANISATION,
    resource: organisationInInput('id'),
    resourceName: ORGANISATION,
  },
  'Mutation.archiveOrganisation': {
    action: Action.ADMINS_OF_ORGANISATION,
    resource: organisationInInput('id'),
    resourceName: ORGANISATION,
  },
  'Mutation.verifyOrganisation': {
    action: Action.PLATFORM_ADMINS,
    resource: organisationInInput('organisationId'),
    resourceName: 'the CVS named in the input',
  },
  'Mutation.withdrawOrganisationVerification': {
    action: Action.PLATFORM_ADMINS,
    resource: organisationInInput('organisationId'),
    resourceName: 'the CVS named in the input',
  },
  'Mutation.createSpecialism': { action: Action.PLATFORM_ADMINS, resourceName: 'the vocabulary of specialisms' },
});
