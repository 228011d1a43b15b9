/**
 * Who may perform an operation: each action names who may act, and each is a different rule
 * (identity's `POLICY` says how each is decided). The resource an operation row picks says which
 * organisations count (a network's convenors, an event's organisers…).
 */
export enum Action {
  /** Anyone, signed in or not, API tokens included (held to their scope). */
  ANYONE = 'ANYONE',
  /** Anyone but an API token. */
  ANYONE_BUT_API_TOKENS = 'ANYONE_BUT_API_TOKENS',
  /** Any signed-in person. */
  ANY_PERSON = 'ANY_PERSON',
  /** The admins of the organisation the resource names, and platform admins. */
  ADMINS_OF_ORGANISATION = 'ADMINS_OF_ORGANISATION',
  /** People of the organisation the resource names (any role); not platform admins as such. */
  PEOPLE_OF_ORGANISATION = 'PEOPLE_OF_ORGANISATION',
  /** People of any of the organisations the resource lists, and platform admins. */
  PEOPLE_OF_LISTED_ORGANISATIONS = 'PEOPLE_OF_LISTED_ORGANISATIONS',
  /** Platform admins. */
  PLATFORM_ADMINS = 'PLATFORM_ADMINS',
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
