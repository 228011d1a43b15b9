import { Inject, Injectable } from '@nestjs/common';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { OperationTypeNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Executor, ExecutorRequest } from './compiled-execution';
import { RESPONSE_STORE } from './response-cache/cached-response.middleware';
import type { ResponseStore } from './response-cache/response-store';
import { takenByResponseCache } from './response-cache/versioned-response-cache';

/** A query Apollo parsed, validated (query limits included) and answered without errors over HTTP. */
export interface KnownOperation {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** As the request that taught it named it (absent or null: the document's only operation). */
  readonly operationName: string | undefined;
}

/** Query texts kept, and their characters in all (a text is at most the HTTP body limit). */
export const MAX_KNOWN_OPERATIONS = 500;
export const MAX_KNOWN_CHARS = 4_000_000;

/**
 * The queries the HTTP fast lane (KnownOperationMiddleware) may run without Apollo's per-request
 * pipeline: learned from Apollo's executor, so only documents Apollo itself parsed and validated
 * with every rule (query limits, introspection) are ever run there. Not learned: mutations and
 * subscriptions, operations the response cache answers (its plugin fills the cache), and operations
 * whose answer had errors. One forgotten when the fast lane sees it fail, so an operation that keeps
 * failing runs once per request, on Apollo.
 */
@Injectable()
export class KnownOperations {
  private readonly known = new LRUCache<string, KnownOperation>({
    max: MAX_KNOWN_OPERATIONS,
    maxSize: MAX_KNOWN_CHARS,
    sizeCalculation: (_operation, source) => Math.max(1, source.length),
  });
  private executor: Executor | null = null;
  /** Requests the fast lane answered (tests and diagnostics). */
  served = 0;

  constructor(@Inject(RESPONSE_STORE) private readonly store: ResponseStore | null) {}

  /** Apollo's executor, learning the queries it answers; the fast lane runs them with the same executor. */
  learning(executor: Executor): Executor {
    this.executor = executor;
    return async (request) => {
      const result = await executor(request);
      if (!result.errors) {
        this.learn(request);
      }
      return result;
    };
  }

  /** The executor and what it needs to run `source`, if the fast lane may. */
  find(source: string, operationName: string | undefined): (KnownOperation & { executor: Executor }) | undefined {
    const known = this.executor ? this.known.get(source) : undefined;
    return known && known.operationName === operationName && this.executor
      ? { ...known, executor: this.executor }
      : undefined;
  }

  forget(source: string): void {
    this.known.delete(source);
  }

  private learn(request: ExecutorRequest): void {
    const { operation, source } = request;
    const operationName = request.request.operationName ?? undefined;
    const learned = this.known.peek(source ?? '');
    if (
      !operation ||
      operation.operation !== OperationTypeNode.QUERY ||
      source === undefined ||
      !request.request.http || // in-process `executeOperation`: nothing HTTP will send again
      (learned && learned.operationName === operationName) ||
      (this.store && takenByResponseCache(operation, request.document))
    ) {
      return;
    }
    this.known.set(source, { schema: request.schema, document: request.document, operation, operationName });
  }
}
