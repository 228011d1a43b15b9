import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestContextOf, type RequestContext } from '@app/common';
import type { ApiTokenScopeKind } from '../api-token/api-token.enums';
import type { AffiliationRole } from '../person/person.enums';

export interface ActorAffiliation {
  readonly organisationId: string;
  readonly role: AffiliationRole;
}

/** Who is making a request: nobody, a signed-in person with their affiliations, or an API token. */
export type Actor =
  | { readonly kind: 'ANONYMOUS' }
  | {
      readonly kind: 'PERSON';
      readonly personId: string;
      readonly platformAdmin: boolean;
      readonly affiliations: readonly ActorAffiliation[];
      /** The session (refresh-token family) the access token belongs to, and when the token expires. */
      readonly sessionId?: string;
      readonly expiresAt?: Date;
    }
  | {
      /** A dashboard or integration: read-only, limited to its scope. */
      readonly kind: 'API_TOKEN';
      readonly tokenId: string;
      readonly organisationId: string;
      readonly scope: { readonly kind: ApiTokenScopeKind; readonly target: string | null };
    };

export const ANONYMOUS: Actor = { kind: 'ANONYMOUS' };

/** The request context once identity has been attached: the actor is resolved lazily, once. */
export interface IdentityRequestContext extends RequestContext {
  actor(): Promise<Actor>;
  currentActor(): Promise<Actor>;
}

/** Injects the request's actor (resolving the bearer token on first use). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Promise<Actor> =>
  (requestContextOf(context) as IdentityRequestContext).actor(),
);
