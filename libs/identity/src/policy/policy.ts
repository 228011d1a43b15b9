import { ApiTokenScopeKind } from '../api-token/api-token.enums';
import { AffiliationRole } from '../person/person.enums';
import type { Actor } from '../auth/actor';

/** What an operation does, in the policy's terms. */
export enum Action {
  READ_PUBLIC = 'READ_PUBLIC',
  SIGN_IN = 'SIGN_IN',
  READ_SELF = 'READ_SELF',
  CREATE_ORGANISATION = 'CREATE_ORGANISATION',
  MANAGE_ORGANISATION = 'MANAGE_ORGANISATION',
  MANAGE_VOCABULARY = 'MANAGE_VOCABULARY',
  ACCEPT_INVITATION = 'ACCEPT_INVITATION',
  CREATE_NETWORK = 'CREATE_NETWORK',
  CONVENE_NETWORK = 'CONVENE_NETWORK',
  READ_NETWORK_PRIVATE = 'READ_NETWORK_PRIVATE',
  ORGANISE_EVENT = 'ORGANISE_EVENT',
  ACT_FOR_ORGANISATION = 'ACT_FOR_ORGANISATION',
  ACT_AS_SELF = 'ACT_AS_SELF',
  DECIDE_SUGGESTION = 'DECIDE_SUGGESTION',
  MANAGE_PUBLIC_RECORD = 'MANAGE_PUBLIC_RECORD',
}

/** The thing acted on, as far as the policy needs to know it. */
export interface Resource {
  readonly organisationId?: string;
  /** Organisations any one of which entitles their people (e.g. a network's active convenors). */
  readonly organisationIds?: readonly string[];
  /** The input field naming a thing that does not exist (answered as bad input, not refused). */
  readonly missing?: string;
  /** What part of the country the operation reads (for API tokens); national when not given. */
  readonly reach?: Reach;
}

/**
 * What part of the country a read covers: everything it can answer lies in the area, the network
 * and the organisation named. Nothing named means national; `placeless` means nothing tied to a
 * place (vocabularies, the caller's own session).
 */
export interface Reach {
  readonly placeless?: boolean;
  readonly policeForceAreaCode?: string | null;
  readonly networkId?: string | null;
  readonly organisationId?: string | null;
}

/**
 * An API token reads only within its scope: a NATIONAL token anything, an area, network or
 * organisation token only reads that name the same area, network or organisation. People and
 * anonymous callers are not scoped.
 */
export function withinScope(actor: Actor, reach: Reach = {}): boolean {
  if (actor.kind !== 'API_TOKEN' || reach.placeless) {
    return true;
  }
  const { kind, target } = actor.scope;
  switch (kind) {
    case ApiTokenScopeKind.NATIONAL:
      return true;
    case ApiTokenScopeKind.POLICE_FORCE_AREA:
      return target !== null && reach.policeForceAreaCode === target;
    case ApiTokenScopeKind.NETWORK:
      return target !== null && reach.networkId === target;
    case ApiTokenScopeKind.ORGANISATION:
      return target !== null && reach.organisationId === target;
  }
}

export interface Rule {
  /** Who may, in words (rendered in docs/authorization.md). */
  readonly who: string;
  /** True when the action needs a signed-in person at all (else anonymous is fine). */
  readonly requiresSignIn: boolean;
  readonly allows: (actor: Actor, resource: Resource) => boolean;
}

const isPlatformAdmin = (actor: Actor): boolean => actor.kind === 'PERSON' && actor.platformAdmin;
/** The actor is a person working for (any role in) one of these organisations. */
const worksFor = (actor: Actor, organisationIds: readonly string[]): boolean =>
  actor.kind === 'PERSON' && actor.affiliations.some((a) => organisationIds.includes(a.organisationId));

/** The one table of authorization rules. */
export const POLICY: Record<Action, Rule> = {
  [Action.READ_PUBLIC]: {
    who: 'anyone, signed in or not',
    requiresSignIn: false,
    allows: () => true,
  },
  [Action.SIGN_IN]: {
    who: 'anyone (the credentials are the check)',
    requiresSignIn: false,
    allows: () => true,
  },
  [Action.READ_SELF]: {
    who: 'anyone; answers about the signed-in person only (null when signed out)',
    requiresSignIn: false,
    allows: () => true,
  },
  [Action.CREATE_ORGANISATION]: {
    who: 'any signed-in person, who becomes its organisation admin',
    requiresSignIn: true,
    allows: (actor) => actor.kind === 'PERSON',
  },
  [Action.MANAGE_ORGANISATION]: {
    who: "the organisation's admins (ORG_ADMIN), and platform admins",
    requiresSignIn: true,
    allows: (actor, { organisationId }) =>
      isPlatformAdmin(actor) ||
      (actor.kind === 'PERSON' &&
        actor.affiliations.some((a) => a.organisationId === organisationId && a.role === AffiliationRole.ORG_ADMIN)),
  },
  [Action.ACCEPT_INVITATION]: {
    who: 'anyone holding the token, but not an API token (existing accounts must be signed in as the invitee)',
    requiresSignIn: false,
    allows: (actor) => actor.kind !== 'API_TOKEN',
  },
  [Action.CREATE_NETWORK]: {
    who: 'people of the convening CVS (which must serve a local authority of the area), and platform admins',
    requiresSignIn: true,
    allows: (actor, { organisationId }) =>
      isPlatformAdmin(actor) || worksFor(actor, organisationId ? [organisationId] : []),
  },
  [Action.CONVENE_NETWORK]: {
    who: "people of the network's active convenor organisations, and platform admins",
    requiresSignIn: true,
    allows: (actor, { organisationIds }) => isPlatformAdmin(actor) || worksFor(actor, organisationIds ?? []),
  },
  [Action.READ_NETWORK_PRIVATE]: {
    who: "people of the network's active member organisations (convenors included), and platform admins",
    requiresSignIn: true,
    allows: (actor, { organisationIds }) => isPlatformAdmin(actor) || worksFor(actor, organisationIds ?? []),
  },
  [Action.ORGANISE_EVENT]: {
    who: "people of the event's organisers (a network's active convenors, or the organising organisation), and platform admins",
    requiresSignIn: true,
    allows: (actor, { organisationIds }) => isPlatformAdmin(actor) || worksFor(actor, organisationIds ?? []),
  },
  [Action.ACT_FOR_ORGANISATION]: {
    who: 'people of the organisation they act for (any role); not platform admins as such',
    requiresSignIn: true,
    allows: (actor, { organisationId }) => worksFor(actor, organisationId ? [organisationId] : []),
  },
  [Action.ACT_AS_SELF]: {
    who: 'any signed-in person, for themselves only',
    requiresSignIn: true,
    allows: (actor) => actor.kind === 'PERSON',
  },
  [Action.DECIDE_SUGGESTION]: {
    who: "people of the section's lead organisation and of the network's active convenors, and platform admins",
    requiresSignIn: true,
    allows: (actor, { organisationIds }) => isPlatformAdmin(actor) || worksFor(actor, organisationIds ?? []),
  },
  [Action.MANAGE_PUBLIC_RECORD]: {
    who: 'platform admins (office-holders, elections, police and crime plans, planned changes of governance)',
    requiresSignIn: true,
    allows: isPlatformAdmin,
  },
  [Action.MANAGE_VOCABULARY]: {
    who: 'platform admins',
    requiresSignIn: true,
    allows: isPlatformAdmin,
  },
};
