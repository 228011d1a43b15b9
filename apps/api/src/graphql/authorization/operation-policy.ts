import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { activityOperationPolicy } from '@app/activity';
import {
  type ContextOperationPolicy,
  type OperationArgs,
  type OperationRule,
  type Places,
  type Reach,
  type Resource,
  resourceOf,
  uuidOr,
} from '@app/common';
import { coverageOperationPolicy } from '@app/coverage';
import { draftingOperationPolicy } from '@app/drafting';
import { EventPolicyFacts, eventsOperationPolicy } from '@app/events';
import { geographyOperationPolicy } from '@app/geography';
import { identityOperationPolicy } from '@app/identity';
import { influencingOperationPolicy } from '@app/influencing';
import { NetworkService, networksOperationPolicy } from '@app/networks';
import { organisationsOperationPolicy } from '@app/organisations';
import { webhooksOperationPolicy } from '@app/webhooks';
import { notificationsOperationPolicy } from '@app/notifications';

/**
 * Every context's operation rows: each context declares its own beside its policy facts; the API
 * only assembles them here and enforces them (`OperationPolicyGuard`). An operation with no row
 * is refused for everyone (fail closed), and the authorization sweep fails.
 */
export const API_OPERATION_POLICIES: readonly ContextOperationPolicy[] = [
  activityOperationPolicy,
  geographyOperationPolicy,
  organisationsOperationPolicy,
  identityOperationPolicy,
  networksOperationPolicy,
  coverageOperationPolicy,
  eventsOperationPolicy,
  draftingOperationPolicy,
  influencingOperationPolicy,
  webhooksOperationPolicy,
  notificationsOperationPolicy,
];

export interface OperationRow {
  readonly operation: string;
  readonly context: ContextOperationPolicy;
  readonly rule: OperationRule<never>;
}

/** The rows by operation; two contexts claiming one operation is a mistake found at start. */
export function operationRows(
  policies: readonly ContextOperationPolicy[] = API_OPERATION_POLICIES,
): Map<string, OperationRow> {
  const rows = new Map<string, OperationRow>();
  for (const context of policies) {
    for (const [operation, rule] of Object.entries(context.rows)) {
      const claimed = rows.get(operation);
      if (claimed) {
        throw new Error(`${operation} has rows in both ${claimed.context.context} and ${context.context}`);
      }
      rows.set(operation, { operation, context, rule });
    }
  }
  return rows;
}

/** The operation rows, each with its context's facts (found in that context's module). */
@Injectable()
export class OperationPolicies implements OnModuleInit {
  private readonly rows = operationRows();
  private readonly facts = new Map<ContextOperationPolicy, unknown>();
  private places: Places = { network: () => Promise.resolve({}), event: () => Promise.resolve({}) };

  constructor(private readonly modules: ModuleRef) {}

  onModuleInit(): void {
    const { modules } = this;
    for (const context of API_OPERATION_POLICIES) {
      // Not strict: the facts provider is the context's own, neither exported nor global.
      this.facts.set(context, context.facts ? modules.get(context.facts, { strict: false }) : undefined);
    }
    const networks = modules.get(NetworkService, { strict: false });
    const events = modules.get(EventPolicyFacts, { strict: false });
    this.places = {
      network: async (id) => {
        const networkId = uuidOr(id);
        const policeForceAreaCode = networkId ? await networks.areaCodeOf(networkId) : null;
        return networkId && policeForceAreaCode ? { networkId, policeForceAreaCode } : {};
      },
      event: async (id): Promise<Reach> => {
        const eventId = uuidOr(id);
        return (eventId && (await events.eventPlace(eventId))) || {};
      },
    };
  }

  /** The operation's row; undefined when it has none (the guard then refuses). */
  row(operation: string): OperationRow | undefined {
    return this.rows.get(operation);
  }

  /** The resource the guard checks, and for an API token what the call reaches. */
  resourceOf(row: OperationRow, args: OperationArgs, apiToken: boolean): Promise<Resource> {
    return resourceOf(row.rule, args, this.facts.get(row.context), this.places, apiToken);
  }
}
