import { Injectable } from '@nestjs/common';
import { type Action, DomainError, ErrorCode, type Resource, CommonRefusal } from '@app/common';
import type { Actor } from '../auth/actor';
import { POLICY, withinScope } from './policy';

/**
 * Decides whether an actor may perform an action on a resource: who may act. Services still refuse
 * on their own domain rules (a closed network, the last convenor leaving, a stale revision).
 */
@Injectable()
export class PolicyService {
  /** The action's rule, and for an API token also its scope (outside it: refused). */
  allows(actor: Actor, action: Action, resource: Resource = {}): boolean {
    return POLICY[action].allows(actor, resource) && withinScope(actor, resource.reach);
  }

  /** Throws UNAUTHENTICATED (signed out, sign-in needed) or FORBIDDEN unless allowed. */
  assert(actor: Actor, action: Action, resource: Resource = {}): void {
    if (this.allows(actor, action, resource)) {
      return;
    }
    if (actor.kind === 'ANONYMOUS' && POLICY[action].requiresSignIn) {
      throw new DomainError(
        ErrorCode.UNAUTHENTICATED,
        CommonRefusal.NOT_SIGNED_IN,
        `This is for ${POLICY[action].who}: sign in first`,
      );
    }
    if (POLICY[action].allows(actor, resource)) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        CommonRefusal.OUTSIDE_TOKEN_SCOPE,
        "This is outside the API token's scope",
      );
    }
    throw new DomainError(ErrorCode.FORBIDDEN, CommonRefusal.NOT_PERMITTED, `This is for ${POLICY[action].who}`);
  }
}
