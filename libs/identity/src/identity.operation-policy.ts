import { Action, operationPolicy, organisationArgument, organisationInInput, PLACELESS } from '@app/common';

const ORGANISATION = 'the organisation named in the arguments';
const CREDENTIALS = 'the credentials given (the service checks them)';

/** Who may run identity's root operations (enforced by the API's guard). */
export const identityOperationPolicy = operationPolicy('identity', {
  'Query.me': {
    action: Action.ANYONE,
    resourceName: 'the signed-in person only (null when signed out)',
    reach: PLACELESS,
  },
  'Mutation.signIn': { action: Action.ANYONE, resourceName: CREDENTIALS, reach: PLACELESS },
  'Mutation.refreshSession': { action: Action.ANYONE, resourceName: CREDENTIALS, reach: PLACELESS },
  'Mutation.signOut': { action: Action.ANYONE, resourceName: CREDENTIALS, reach: PLACELESS },
  'Mutation.setPasswordWithToken': { action: Action.ANYONE, resourceName: CREDENTIALS, reach: PLACELESS },
  // Account recovery: the emailed token (or the same answer for any address) is the check.
  'Mutation.requestPasswordReset': { action: Action.ANYONE, resourceName: CREDENTIALS, reach: PLACELESS },
  'Mutation.resetPassword': { action: Action.ANYONE, resourceName: CREDENTIALS, reach: PLACELESS },
  'Mutation.confirmEmailChange': { action: Action.ANYONE, resourceName: CREDENTIALS, reach: PLACELESS },
  'Mutation.changePassword': { action: Action.ANY_PERSON, resourceName: 'their own account' },
  'Mutation.requestEmailChange': { action: Action.ANY_PERSON, resourceName: 'their own account' },
  'Mutation.createOrganisation': {
    action: Action.ANY_PERSON,
    resourceName: 'a new organisation (its creator becomes its admin)',
  },
  'Query.apiTokens': {
    action: Action.ADMINS_OF_ORGANISATION,
    resource: organisationArgument('organisationId'),
    resourceName: ORGANISATION,
  },
  'Mutation.createApiToken': {
    action: Action.ADMINS_OF_ORGANISATION,
    resource: organisationInInput('organisationId'),
    resourceName: ORGANISATION,
  },
  'Mutation.revokeApiToken': {
    action: Action.ADMINS_OF_ORGANISATION,
    resource: organisationInInput('organisationId'),
    resourceName: ORGANISATION,
  },
  'Query.invitations': {
    action: Action.ADMINS_OF_ORGANISATION,
    resource: organisationArgument('organisationId'),
    resourceName: ORGANISATION,
  },
  'Mutation.inviteToOrganisation': {
    action: Action.ADMINS_OF_ORGANISATION,
    resource: organisationInInput('organisationId'),
    resourceName: ORGANISATION,
  },
  'Mutation.acceptInvitation': {
    action: Action.ANYONE_BUT_API_TOKENS,
    resourceName: 'the invitation token given (an existing account must be signed in as the invitee)',
  },
});
