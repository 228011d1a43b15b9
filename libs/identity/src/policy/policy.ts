import { ApiTokenScopeKind } from '../api-token/api-token.enums';
import { AffiliationRole } from '../person/person.enums';
import type { Actor } from '../auth/actor';
import { Action, type Reach, type Resource } from '@app/common';

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

/** How each action is decided: the one table of who may act (operation rows say on what). */
export const POLICY: Record<Action, Rule> = {
  [Action.ANYONE]: {
    who: 'anyone, signed in or not, API tokens included (within their scope)',
    requiresSignIn: false,
    allows: () => true,
  },
  [Action.ANYONE_BUT_API_TOKENS]: {
    who: 'anyone, signed in or not, but not an API token',
    requiresSignIn: false,
    allows: (actor) => actor.kind !== 'API_TOKEN',
  },
  [Action.ANY_PERSON]: {
    who: 'any signed-in person',
    requiresSignIn: true,
    allows: (actor) => actor.kind === 'PERSON',
  },
  [Action.ADMINS_OF_ORGANISATION]: {
    who: "the named organisation's admins (ORG_ADMIN), and platform admins",
    requiresSignIn: true,
    allows: (actor, { organisationId }) =>
      isPlatformAdmin(actor) ||
      (actor.kind === 'PERSON' &&
        actor.affiliations.some((a) => a.organisationId === organisationId && a.role === AffiliationRole.ORG_ADMIN)),
  },
  [Action.PEOPLE_OF_ORGANISATION]: {
    who: 'people of the named organisation (any role); not platform admins as such',
    requiresSignIn: true,
    allows: (actor, { organisationId }) => worksFor(actor, organisationId ? [organisationId] : []),
  },
  [Action.PEOPLE_OF_LISTED_ORGANISATIONS]: {
    who: 'people of any of the organisations the resource lists (any role), and platform admins',
    requiresSignIn: true,
    allows: (actor, { organisationIds }) => isPlatformAdmin(actor) || worksFor(actor, organisationIds ?? []),
  },
  [Action.PLATFORM_ADMINS]: {
    who: 'platform admins',
    requiresSignIn: true,
    allows: isPlatformAdmin,
  },
};
