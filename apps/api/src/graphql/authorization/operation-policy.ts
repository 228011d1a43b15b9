import { Action, type Resource } from '@app/identity';

export interface OperationPolicy {
  readonly action: Action;
  /** Picks the resource the action applies to out of the operation's arguments. */
  readonly resource?: (args: Record<string, unknown>) => Resource;
}

const organisation = (id: unknown): Resource => ({ organisationId: typeof id === 'string' ? id : '' });
/** The organisation is named by a field of the `input` argument… */
const byInput =
  (field: 'id' | 'organisationId') =>
  (args: Record<string, unknown>): Resource =>
    organisation((args.input as Record<string, unknown> | undefined)?.[field]);
/** …or by a top-level argument. */
const byArgument =
  (name: 'organisationId') =>
  (args: Record<string, unknown>): Resource =>
    organisation(args[name]);

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
  // Items are filtered per viewer by visibility in the feed service.
  'Query.activity': { action: Action.READ_PUBLIC },
  'Subscription.activity': { action: Action.READ_PUBLIC },
  'Mutation.signIn': { action: Action.SIGN_IN },
  'Mutation.refreshSession': { action: Action.SIGN_IN },
  'Mutation.signOut': { action: Action.SIGN_IN },
  'Mutation.createOrganisation': { action: Action.CREATE_ORGANISATION },
  'Mutation.updateOrganisation': { action: Action.MANAGE_ORGANISATION, resource: byInput('id') },
  'Mutation.archiveOrganisation': { action: Action.MANAGE_ORGANISATION, resource: byInput('id') },
  'Mutation.createSpecialism': { action: Action.MANAGE_VOCABULARY },
  'Query.apiTokens': { action: Action.MANAGE_ORGANISATION, resource: byArgument('organisationId') },
  'Mutation.createApiToken': { action: Action.MANAGE_ORGANISATION, resource: byInput('organisationId') },
  'Mutation.revokeApiToken': { action: Action.MANAGE_ORGANISATION, resource: byInput('organisationId') },
  'Query.invitations': { action: Action.MANAGE_ORGANISATION, resource: byArgument('organisationId') },
  'Mutation.inviteToOrganisation': {
    action: Action.MANAGE_ORGANISATION,
    resource: byInput('organisationId'),
  },
  'Mutation.acceptInvitation': { action: Action.ACCEPT_INVITATION },
};
