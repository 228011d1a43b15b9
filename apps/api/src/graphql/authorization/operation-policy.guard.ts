import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { DomainError, ErrorCode, CommonRefusal } from '@app/common';
import { type IdentityRequestContext, POLICY, PolicyService } from '@app/identity';
import { OperationPolicies } from './operation-policy';

/**
 * Checks every root GraphQL operation (query, mutation, subscription; HTTP and WebSocket
 * alike) against its context's operation row before its resolver runs. Nested fields are not
 * guarded here: guards do not run on field resolvers, which must check their own rules.
 * API tokens are also held to their scope here (what the operation reaches, from its arguments).
 * Who may act is decided here; services still refuse on their own domain rules.
 */
@Injectable()
export class OperationPolicyGuard implements CanActivate {
  private readonly log = new Logger('Authorization');

  constructor(
    private readonly policy: PolicyService,
    private readonly operations: OperationPolicies,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') {
      return true; // health checks and IDE assets are public HTTP routes
    }
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const operation = `${info.parentType.name}.${info.fieldName}`;
    const row = this.operations.row(operation);
    if (!row) {
      this.log.error(`No policy row for ${operation}: refused. Add it to its context's operation policy.`);
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        CommonRefusal.NOT_PERMITTED,
        `${operation} has no access rule yet, so no one may call it`,
      );
    }
    const { action } = row.rule;
    const actor = await gql.getContext<IdentityRequestContext>().actor();
    // Signed out where sign-in is needed: refused whatever the resource, so look nothing up.
    const lookUp = actor.kind !== 'ANONYMOUS' || !POLICY[action].requiresSignIn;
    // An API token reads only within its scope: the rule also says what part of the country the call reaches.
    const resource = lookUp ? await this.operations.resourceOf(row, gql.getArgs(), actor.kind === 'API_TOKEN') : {};
    if (resource.missing) {
      // Ids are random UUIDs: saying one names nothing tells an outsider nothing useful.
      throw DomainError.unknown(resource.missing, 'does not exist');
    }
    this.policy.assert(actor, action, resource);
    return true;
  }
}
