import { type ApolloServerPlugin, type GraphQLRequestContextResponseForOperation, HeaderMap } from '@apollo/server';
import { type DocumentNode, Kind, OperationTypeNode, type SelectionSetNode } from 'graphql';
import type { Actor, IdentityRequestContext } from '@app/identity';
import { type CachedResponse, type Result, ResponseStore } from './response-store';

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
  /** Where answers are kept (the HTTP fast path reads the same store). */
  readonly store: ResponseStore;
}

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
  const { store } = options;

  return {
    requestDidStart() {
      let key: string | null = null;
      let source = '';
      const first: { settle?: (response: CachedResponse | null) => void } = {};
      return Promise.resolve({
        async responseForOperation(context) {
          key = await cacheKey(context, options);
          source = context.source;
          if (key === null) {
            return null;
          }
          const hit = store.get(key) ?? (await store.inFlight.get(key));
          if (hit) {
            return {
              http: { status: undefined, headers: new HeaderMap() },
              body: { kind: 'single', singleResult: hit.result },
            };
          }
          if (!store.inFlight.has(key)) {
            store.inFlight.set(key, new Promise<CachedResponse | null>((resolve) => (first.settle = resolve)));
          }
          return null;
        },
        willSendResponse({ response }) {
          if (key === null || !first.settle) {
            return Promise.resolve();
          }
          const body = response.body;
          const result = body.kind === 'single' && !body.singleResult.errors ? body.singleResult : null;
          let cached: CachedResponse | null = null;
          if (result) {
            const json = stringifyResult(result);
            if (result.data && !result.extensions) {
              serialised.set(result.data, json);
            }
            cached = { result, json };
            store.set(key, source, cached);
          }
          store.inFlight.delete(key);
          first.settle(cached);
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
  return ResponseStore.key({
    source: context.source,
    operationName: context.request.operationName ?? null,
    variables: context.request.variables ?? {},
    actor,
    version: context.contextValue.dataVersion ?? (await options.version()),
  });
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
