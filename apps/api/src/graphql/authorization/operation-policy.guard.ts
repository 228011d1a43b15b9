import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { DomainError, ErrorCode } from '@app/common';
import { type IdentityRequestContext, POLICY, PolicyService } from '@app/identity';
import { DraftingPolicyFacts } from '@app/drafting';
import { EventPolicyFacts } from '@app/events';
import { InfluencingPolicyFacts } from '@app/influencing';
import { NetworkService } from '@app/networks';
import { OPERATION_POLICY, type PolicyFacts, policyFacts, resourceOf } from './operation-policy';

/**
 * Checks every root GraphQL operation (query, mutation, subscription; HTTP and WebSocket
 * alike) against the operation policy before its resolver runs. Nested fields are not
 * guarded here: guards do not run on field resolvers, which must check their own rules.
 * API tokens are also held to their scope here (what the operation reaches, from its arguments).
 */
@Injectable()
export class OperationPolicyGuard implements CanActivate {
  private readonly log = new Logger('Authorization');
  private readonly facts: PolicyFacts;

  constructor(
    private readonly policy: PolicyService,
    networks: NetworkService,
    events: EventPolicyFacts,
    drafting: DraftingPolicyFacts,
    influencing: InfluencingPolicyFacts,
  ) {
    this.facts = policyFacts(networks, events, drafting, influencing);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') {
      return true; // health checks and IDE assets are public HTTP routes
    }
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const operation = `${info.parentType.name}.${info.fieldName}`;
    const rule = OPERATION_POLICY[operation];
    if (!rule) {
      this.log.error(`No policy row for ${operation}: refused. Add it to OPERATION_POLICY.`);
      throw new DomainError(ErrorCode.FORBIDDEN, 'You are not allowed to do this');
    }
    const actor = await gql.getContext<IdentityRequestContext>().actor();
    // Signed out where sign-in is needed: refused whatever the resource, so look nothing up.
    const lookUp = actor.kind !== 'ANONYMOUS' || !POLICY[rule.action].requiresSignIn;
    // An API token reads only within its scope: the rule also says what part of the country the call reaches.
    const resource = lookUp ? await resourceOf(rule, gql.getArgs(), this.facts, actor.kind === 'API_TOKEN') : {};
    if (resource.missing) {
      // Ids are random UUIDs: saying one names nothing tells an outsider nothing useful.
      throw DomainError.badInput(resource.missing, 'does not exist');
    }
    this.policy.assert(actor, rule.action, resource);
    return true;
  }
}
