import { Inject, Injectable } from '@nestjs/common';
import type { DocumentNode, ExecutionResult, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { OperationTypeNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Executor, ExecutorRequest } from './compiled-execution';
import { MAX_CACHED_DOCUMENT_BYTES, retainedSize } from './protection/document-size';
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

/** Query texts kept, and the memory their documents hold (`retainedSize`). */
export const MAX_KNOWN_OPERATIONS = 500;
export const MAX_KNOWN_BYTES = 32 * 1024 * 1024;

/**
 * The queries the HTTP fast lane (KnownOperationMiddleware) may run without Apollo's per-request
 * pipeline: learned from Apollo's executor, so only documents Apollo itself parsed and validated
 * with every rule (query limits, introspection) are ever run there. Not learned: mutations and
 * subscriptions, operations the response cache answers (its plugin fills the cache), and operations
 * whose answer had errors. A fast-lane run with errors is handed to Apollo's run of the same
 * request, which answers with it (its codes, statuses and masking) instead of running it again.
 */
@Injectable()
export class KnownOperations {
  private readonly known = new LRUCache<string, KnownOperation>({
    max: MAX_KNOWN_OPERATIONS,
    maxSize: MAX_KNOWN_BYTES,
    maxEntrySize: MAX_CACHED_DOCUMENT_BYTES,
    sizeCalculation: (known) => retainedSize(known.document),
  });
  /** A fast-lane run with errors, by request, for Apollo's run of that request to answer with. */
  private readonly handed = new WeakMap<object, { operation: OperationDefinitionNode; result: ExecutionResult }>();
  private executor: Executor | null = null;
  /** Requests the fast lane answered (tests and diagnostics). */
  served = 0;

  constructor(@Inject(RESPONSE_STORE) private readonly store: ResponseStore | null) {}

  /** Apollo's executor, learning the queries it answers; the fast lane runs them with the same executor. */
  learning(executor: Executor): Executor {
    this.executor = executor;
    return async (request) => {
      const req = (request.context as { req?: unknown } | null)?.req;
      const handed = typeof req === 'object' && req !== null ? this.handed.get(req) : undefined;
      if (handed) {
        this.handed.delete(req as object);
        if (handed.operation === request.operation) {
          return handed.result;
        }
      }
      const result = await executor(request);
      if (!result.errors) {
        this.learn(request);
      }
      return result;
    };
  }

  /** The executor and what it needs to run `source`, if the fast lane may. */
  find(source: string, operationName: string | undefined): (KnownOperation & { executor: Executor }) | undefined {
    const { executor } = this;
    const known = executor ? this.known.get(source) : undefined;
    return executor && known && known.operationName === operationName ? { ...known, executor } : undefined;
  }

  /** Leaves a fast-lane run's result (with errors) for Apollo's run of the same request. */
  handOver(req: object, operation: OperationDefinitionNode, result: ExecutionResult): void {
    this.handed.set(req, { operation, result });
  }

  private learn(request: ExecutorRequest): void {
    const { operation, source } = request;
    if (
      !operation ||
      operation.operation !== OperationTypeNode.QUERY ||
      source === undefined ||
      !request.request.http || // in-process `executeOperation`: nothing HTTP will send again
      (this.store && takenByResponseCache(operation, request.document))
    ) {
      return;
    }
    const operationName = request.request.operationName ?? undefined;
    const learned = this.known.peek(source);
    // Again when Apollo parsed the text anew (its store let it go): a handed result is matched by operation node.
    if (learned && learned.operationName === operationName && learned.document === request.document) {
      return;
    }
    this.known.set(source, { schema: request.schema, document: request.document, operation, operationName });
  }
}
