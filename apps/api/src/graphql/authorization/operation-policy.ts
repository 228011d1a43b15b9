import { Action, type Resource } from '@app/identity';

export interface OperationPolicy {
  readonly action: Action;
  /** Picks the resource the action applies to out of the operation's arguments. */
  readonly resource?: (args: Record<string, unknown>) => Resource;
}

const inputId = (args: Record<string, unknown>): Resource => {
  const id = (args.input as { id?: unknown } | undefined)?.id;
  return { organisationId: typeof id === 'string' ? id : '' };
};

const inputOrganisationId = (args: Record<string, unknown>): Resource => {
  const id = (args.input as { organisationId?: unknown } | undefined)?.organisationId;
  return { organisationId: typeof id === 'string' ? id : '' };
};

const organisationIdArg = (args: Record<string, unknown>): Resource => ({
  organisationId: typeof args.organisationId === 'string' ? args.organisationId : '',
});

/**
 * Every root operation of the schema and the action it performs. An operation missing
 * here is refused for everyone (fail closed), and the policy test fails.
 */
export const OPERATION_POLICY: Readonly<Record<string, OperationPolicy>> = {
  'Query.policeForceAreas': { action: Action.READ_PUBLIC },
  'Query.policeForceArea': { action: Action.READ_PUBLIC },
  'Query.localAuthorities': { action: Action.READ_PUBLIC },
  'Query.localAuthority': { action: Action.READ_PUBLIC },
  'Query.organisations': { action: Action.READ_PUBLIC },
  'Query.organisation': { action: Action.READ_PUBLIC },
  'Query.specialisms': { action: Action.READ_PUBLIC },
  'Query.me': { action: Action.READ_SELF },
  'Mutation.signIn': { action: Action.SIGN_IN },
  'Mutation.refreshSession': { action: Action.SIGN_IN },
  'Mutation.signOut': { action: Action.SIGN_IN },
  'Mutation.createOrganisation': { action: Action.CREATE_ORGANISATION },
  'Mutation.updateOrganisation': { action: Action.MANAGE_ORGANISATION, resource: inputId },
  'Mutation.archiveOrganisation': { action: Action.MANAGE_ORGANISATION, resource: inputId },
  'Mutation.createSpecialism': { action: Action.MANAGE_VOCABULARY },
  'Query.apiTokens': { action: Action.MANAGE_ORGANISATION, resource: organisationIdArg },
  'Mutation.createApiToken': { action: Action.MANAGE_ORGANISATION, resource: inputOrganisationId },
  'Mutation.revokeApiToken': { action: Action.MANAGE_ORGANISATION, resource: inputOrganisationId },
  'Query.invitations': { action: Action.MANAGE_ORGANISATION, resource: organisationIdArg },
  'Mutation.inviteToOrganisation': { action: Action.MANAGE_ORGANISATION, resource: inputOrganisationId },
  'Mutation.acceptInvitation': { action: Action.ACCEPT_INVITATION },
};
