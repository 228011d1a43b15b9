import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, type GraphQLRequestContextResponseForOperation, HeaderMap } from '@apollo/server';
import {
  type DocumentNode,
  type FormattedExecutionResult,
  Kind,
  OperationTypeNode,
  type SelectionSetNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { todayIn, UK_TIME_ZONE } from '@app/common';
import type { Actor, IdentityRequestContext } from '@app/identity';

/**
 * Root query fields whose answers depend only on who asks, the arguments, domain state (all of
 * it written with activity, so versioned by `DataVersion`) and today's date. Not here: `me`,
 * `apiTokens`, `invitations` (sessions and expiry clocks), `activity` (already paged cheaply).
 */
export const CACHEABLE_QUERIES: ReadonlySet<string> = new Set([
  'coverage',
  'coverageHistory',
  'coveragePriorities',
  'localAuthorities',
  'localAuthority',
  'network',
  'networks',
  'organisation',
  'organisations',
  'policeForceArea',
  'policeForceAreas',
  'specialisms',
]);

export interface ResponseCacheOptions {
  /** The current data version (one SQL statement). */
  readonly version: () => Promise<string>;
  /** Upper bound of the cached responses' JSON, in bytes. */
  readonly maxBytes: number;
}

type Result = FormattedExecutionResult;

/**
 * Cached results as sent (Apollo's `stringifyResult`): a hit is serialised once, not per request.
 * Keyed by `data`, which Apollo passes through as it is (it copies the result around it).
 */
const serialised = new WeakMap<object, string>();

export function stringifyResult(result: Result): string {
  const only = result.data && !result.errors && !result.extensions ? serialised.get(result.data) : undefined;
  return only ?? `${JSON.stringify(result)}\n`;
}

/**
 * Whole responses of read-only queries, keyed by the document, its variables, the actor and the
 * data version: a change anywhere gives a new version, so an answer is never older than the
 * version it was read at, and a hit costs one statement instead of the resolvers'. Concurrent
 * misses for one key wait for the first (no stampede when a dashboard's data changes). Errors
 * are never cached.
 */
export function versionedResponseCache(options: ResponseCacheOptions): ApolloServerPlugin<IdentityRequestContext> {
  const cache = new LRUCache<string, Result>({ maxSize: options.maxBytes }); // sized by JSON length on set
  const inFlight = new Map<string, Promise<Result | null>>();

  return {
    requestDidStart() {
      let key: string | null = null;
      const first: { settle?: (result: Result | null) => void } = {};
      return Promise.resolve({
        async responseForOperation(context) {
          key = await cacheKey(context, options);
          if (key === null) {
            return null;
          }
          const hit = cache.get(key) ?? (await inFlight.get(key));
          if (hit) {
            return {
              http: { status: undefined, headers: new HeaderMap() },
              body: { kind: 'single', singleResult: hit },
            };
          }
          if (!inFlight.has(key)) {
            inFlight.set(key, new Promise<Result | null>((resolve) => (first.settle = resolve)));
          }
          return null;
        },
        willSendResponse({ response }) {
          if (key === null || !first.settle) {
            return Promise.resolve();
          }
          const body = response.body;
          const result = body.kind === 'single' && !body.singleResult.errors ? body.singleResult : null;
          if (result) {
            const json = stringifyResult(result);
            if (result.data && !result.extensions) {
              serialised.set(result.data, json);
            }
            cache.set(key, result, { size: json.length });
          }
          inFlight.delete(key);
          first.settle(result);
          return Promise.resolve();
        },
      });
    },
  };
}

async function cacheKey(
  context: GraphQLRequestContextResponseForOperation<IdentityRequestContext>,
  options: ResponseCacheOptions,
): Promise<string | null> {
  if (
    context.operation.operation !== OperationTypeNode.QUERY ||
    !rootFieldsCacheable(context.operation.selectionSet, context.document)
  ) {
    return null;
  }
  let actor: Actor;
  try {
    actor = await context.contextValue.actor();
  } catch {
    return null; // a bad token: let execution answer with its error
  }
  const version = await options.version();
  return createHash('sha256')
    .update(
      JSON.stringify([
        context.source,
        context.operationName,
        context.request.variables ?? {},
        actorKey(actor),
        version,
        todayIn(UK_TIME_ZONE),
      ]),
    )
    .digest('base64');
}

function rootFieldsCacheable(selectionSet: SelectionSetNode, document: DocumentNode): boolean {
  return selectionSet.selections.every((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return selection.name.value === '__typename' || CACHEABLE_QUERIES.has(selection.name.value);
      case Kind.INLINE_FRAGMENT:
        return rootFieldsCacheable(selection.selectionSet, document);
      case Kind.FRAGMENT_SPREAD: {
        const fragment = document.definitions.find(
          (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
        );
        return fragment?.kind === Kind.FRAGMENT_DEFINITION && rootFieldsCacheable(fragment.selectionSet, document);
      }
    }
  });
}

/** Everything about the actor that rules and visibility read (the rest is versioned data). */
function actorKey(actor: Actor): unknown {
  switch (actor.kind) {
    case 'ANONYMOUS':
      return 'anonymous';
    case 'PERSON':
      return [
        actor.personId,
        actor.platformAdmin,
        actor.affiliations.map((a) => `${a.organisationId}/${a.role}`).sort(),
      ];
    case 'API_TOKEN':
      return [actor.tokenId, actor.organisationId, actor.scope.kind, actor.scope.target];
  }
}
