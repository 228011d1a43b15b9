import type { Type } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Action, Reach, Resource } from './action';

/** A root operation's arguments, as the guard sees them (before validation). */
export type OperationArgs = Readonly<Record<string, unknown>>;

/**
 * Where networks and events lie, for API tokens' reach: the API assembles it from the networks and
 * events contexts. Ids are checked to be UUIDs first; national (nothing named) when there is no such thing.
 */
export interface Places {
  /** A network and its area. */
  network(id: unknown): Promise<Reach>;
  /** An event's area (or its network's), network and organiser. */
  event(id: unknown): Promise<Reach>;
}

/**
 * One operation's row: who may perform it (`action`) on what (`resource`, picked out of its
 * arguments with the context's own policy facts `F`), and for API tokens what it reaches.
 */
export interface OperationRule<F = unknown> {
  readonly action: Action;
  /** Picks the resource the action applies to out of the operation's arguments. */
  readonly resource?: (args: OperationArgs, facts: F) => Resource | Promise<Resource>;
  /** What the resource is, in words (for docs/authorization.md). */
  readonly resourceName?: string;
  /** What part of the country a read covers, for API tokens; without it, national (NATIONAL tokens only). */
  readonly reach?: ReachRule<F>;
}

export interface ReachRule<F = unknown> {
  readonly of: (args: OperationArgs, facts: F, places: Places) => Reach | Promise<Reach>;
  /** In words, for docs/authorization.md. */
  readonly name: string;
}

/** A context's rows, by `Type.field` of the root operation. */
export type OperationRows<F = unknown> = Readonly<Record<string, OperationRule<F>>>;

/**
 * What a context declares beside its resolvers: its operation rows, and the provider of its module
 * that answers their facts (the API finds it there; it need not be exported, nor the module global).
 * `operationPolicy` checks the rows against the facts; this form forgets which facts they were.
 */
export interface ContextOperationPolicy {
  readonly context: string;
  readonly facts?: Type<unknown>;
  readonly rows: OperationRows<never>;
}

/** A context's policy whose rows need no facts. */
export function operationPolicy(context: string, rows: OperationRows): ContextOperationPolicy;
/** A context's policy whose rows look facts up through `facts` (a provider of the context's module). */
export function operationPolicy<F>(context: string, rows: OperationRows<F>, facts: Type<F>): ContextOperationPolicy;
export function operationPolicy<F>(context: string, rows: OperationRows<F>, facts?: Type<F>): ContextOperationPolicy {
  return { context, rows, facts };
}

/**
 * The resource the guard checks: the rule's, and for an API token also what the read reaches.
 * `facts` is the instance of the rule's context's facts provider.
 */
export async function resourceOf(
  rule: OperationRule<never>,
  args: OperationArgs,
  facts: unknown,
  places: Places,
  apiToken: boolean,
): Promise<Resource> {
  const own = rule as OperationRule<unknown>;
  const resource = own.resource ? await own.resource(args, facts) : {};
  return apiToken ? { ...resource, reach: own.reach ? await own.reach.of(args, facts, places) : {} } : resource;
}

// Helpers for writing rows.

export const inputOf = (args: OperationArgs): Record<string, unknown> =>
  (args.input as Record<string, unknown> | undefined) ?? {};
/** Ids are checked before any lookup: the guard sees arguments before validation does. */
export const uuidOr = (value: unknown): string | null => (typeof value === 'string' && isUUID(value) ? value : null);
export const textOr = (value: unknown): string | null => (typeof value === 'string' ? value : null);
export const fieldsOf = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

const organisation = (id: unknown): Resource => ({ organisationId: typeof id === 'string' ? id : '' });
/** The organisation named by a field of the `input` argument. */
export const organisationInInput =
  (field: string): NonNullable<OperationRule['resource']> =>
  (args) =>
    organisation(inputOf(args)[field]);
/** The organisation named by a top-level argument. */
export const organisationArgument =
  (name: string): NonNullable<OperationRule['resource']> =>
  (args) =>
    organisation(args[name]);
/** The one organisation named by a field of `input`, as a list (for PEOPLE_OF_LISTED_ORGANISATIONS). */
export const organisationListedInInput =
  (field: string): NonNullable<OperationRule['resource']> =>
  (args) => {
    const id = inputOf(args)[field];
    return { organisationIds: typeof id === 'string' && id ? [id] : [] };
  };

/**
 * Organisations found from an id in `input` (checked to be a UUID first); a well-formed id for
 * which nothing is found names nothing (`missing`: answered as bad input).
 */
export function listedFromInput<F>(
  action: Action,
  field: string,
  look: (facts: F, id: string) => Promise<readonly string[]>,
  resourceName: string,
): OperationRule<F> {
  return {
    action,
    resource: async (args, facts) => {
      const id = uuidOr(inputOf(args)[field]);
      const organisationIds = id ? await look(facts, id) : [];
      // A network always has an active convenor: nothing found means no such thing.
      return id && organisationIds.length === 0 ? { missing: `input.${field}` } : { organisationIds };
    },
    resourceName,
  };
}

/** Vocabularies and the caller's own session: the same whatever the scope. */
export const PLACELESS: ReachRule = { of: () => ({ placeless: true }), name: 'any scope (nothing tied to a place)' };
export const areaArgument = (name: string): ReachRule => ({
  of: (args) => ({ policeForceAreaCode: textOr(args[name]) }),
  name: `the area named by \`${name}\``,
});
export const networkArgument = (name: string): ReachRule => ({
  of: (args, _facts, places) => places.network(args[name]),
  name: `the network named by \`${name}\` (and its area)`,
});
export const eventArgument = (name: string): ReachRule => ({
  of: (args, _facts, places) => places.event(args[name]),
  name: `the event named by \`${name}\` (its area, network and organiser)`,
});
/** Lists narrowed to an area or a network by top-level arguments (national when neither is given). */
export const AREA_OR_NETWORK_ARGUMENTS: ReachRule = {
  of: async (args, _facts, places) => {
    const network = args.networkId ? await places.network(args.networkId) : {};
    return { ...network, policeForceAreaCode: textOr(args.policeForceAreaCode) ?? network.policeForceAreaCode };
  },
  name: 'the area or network named by `policeForceAreaCode` / `networkId`',
};
