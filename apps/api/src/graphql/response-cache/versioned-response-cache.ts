import { type ApolloServerPlugin, type GraphQLRequestContextResponseForOperation, HeaderMap } from '@apollo/server';
import {
  type DocumentNode,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  type SelectionSetNode,
} from 'graphql';
import type { DataVersions } from '@app/activity';
import type { DataVersionsRef } from '@app/common';
import type { Actor, IdentityRequestContext } from '@app/identity';
import { answerAsBytes, stringifyAnswer, textAsBytes } from '../completed-lists';
import { type ReadSet, ReadSets } from './read-set';
import { type CachedResponse, type Result, ResponseStore } from './response-store';

/**
 * Root query fields whose answers depend only on who asks, the arguments, domain state (all of
 * it written with activity, so versioned by `DataVersion`) and today's date. Not here: `me`,
 * `apiTokens`, `invitations` (sessions and expiry clocks), `activity` (already paged cheaply).
 * Whatever else a query selects must be versioned too: a type read as `NEVER` (read-set.ts)
 * keeps its answer out of the cache.
 */
export const CACHEABLE_QUERIES: ReadonlySet<string> = new Set([
  'coverage',
  'coverageHistory',
  'coveragePriorities',
  'event',
  'events',
  'jointPosition',
  'jointPositions',
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
  /** The current data versions (one SQL statement). */
  readonly versions: () => Promise<DataVersions>;
  /** Where answers are kept (the HTTP fast path reads the same store). */
  readonly store: ResponseStore;
}

/**
 * Cached results as sent (Apollo's `stringifyResult`): a hit is serialised once, not per request.
 * Keyed by `data`, which Apollo passes through as it is (it copies the result around it).
 */
const serialised = new WeakMap<object, string>();

export function stringifyResult(result: Result): string {
  return serialisedOf(result) ?? `${stringifyAnswer(result)}\n`;
}

/** `stringifyResult` in UTF-8, and how many UTF-16 units its text holds. */
export function resultAsBytes(result: Result): { bytes: Buffer; characters: number } {
  const only = serialisedOf(result);
  return only === undefined ? answerAsBytes(result, '\n') : textAsBytes(only);
}

const serialisedOf = (result: Result): string | undefined =>
  result.data && !result.errors && !result.extensions ? serialised.get(result.data) : undefined;

/**
 * Whole responses of read-only queries, keyed by the document, its variables, the actor and the
 * versions of the families the document reads (its read set): a change to any of them gives a
 * new key, so an answer is never older than the versions it was read at, a change elsewhere
 * leaves it be, and a hit costs one statement instead of the resolvers'. Concurrent
 * misses for one key wait for the first (no stampede when a dashboard's data changes). Errors
 * are never cached.
 */
export function versionedResponseCache(options: ResponseCacheOptions): ApolloServerPlugin<IdentityRequestContext> {
  const { store } = options;
  const readSets = new ReadSets();

  return {
    requestDidStart() {
      let key: string | null = null;
      let source = '';
      let readSet: ReadSet = [];
      const first: { settle?: (response: CachedResponse | null) => void } = {};
      return Promise.resolve({
        async responseForOperation(context) {
          const reads = cacheableReads(context, readSets);
          key = reads ? await cacheKey(context, reads, options) : null;
          source = context.source;
          if (key === null || !reads) {
            return null;
          }
          readSet = reads;
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
            store.set(key, source, readSet, cached);
          }
          store.inFlight.delete(key);
          first.settle(cached);
          return Promise.resolve();
        },
      });
    },
  };
}

type OperationContext = GraphQLRequestContextResponseForOperation<IdentityRequestContext>;

/** What a cacheable query reads; null for an operation that is not cached. */
function cacheableReads(context: OperationContext, readSets: ReadSets): ReadSet | null {
  // Apollo asks even where no operation matched the name (typed as always there): its own error answers.
  const operation = context.operation as OperationContext['operation'] | undefined;
  if (!operation || !takenByResponseCache(operation, context.document)) {
    return null;
  }
  return readSets.of(context.schema, context.source, context.document);
}

async function cacheKey(
  context: OperationContext,
  readSet: ReadSet,
  options: ResponseCacheOptions,
): Promise<string | null> {
  let actor: Actor;
  try {
    actor = await context.contextValue.actor();
  } catch {
    return null; // a bad token: let execution answer with its error
  }
  let versions: DataVersionsRef;
  try {
    versions = context.contextValue.dataVersions ?? (await options.versions());
  } catch {
    return null; // PostgreSQL away: execution answers, with SERVICE_UNAVAILABLE (as the cached-response middleware does)
  }
  return ResponseStore.key({
    source: context.source,
    operationName: context.request.operationName ?? null,
    variables: context.request.variables ?? {},
    actor,
    version: versions.versionOf(readSet),
  });
}

/** Whether the cache answers an operation (its plugin fills the store): a query whose root fields it caches. */
export function takenByResponseCache(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  return operation.operation === OperationTypeNode.QUERY && rootFieldsCacheable(operation.selectionSet, document);
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
