import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { OperationDefinitionNode } from 'graphql';
import Negotiator from 'negotiator';
import { AuthService } from '@app/identity';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics';
import { KnownOperations } from './known-operations';
import { requestContextFactory } from './request-context.factory';
import { answerBytes } from './answer-bytes';
import { WRITTEN_IN_PIECES } from './completed-lists';

// Apollo's answer types, in its order of preference (`chooseContentTypeForSingleResultResponse`).
const APPLICATION_JSON = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
const GRAPHQL_CALLBACK_JSON = 'application/json; callbackSpec=1.0; charset=utf-8';
const JSON_BODY = /^application\/json\s*(?:;|$)/i;
const MEDIA_TYPES_KEPT = 64;

/**
 * Answers a query Apollo has already answered without errors (KnownOperations) before Apollo's
 * per-request pipeline: the same executor, context, answer bytes, status and headers. Anything
 * else goes on to Apollo, and so does a run with errors, handed to Apollo's executor to answer
 * with (not run again), so its codes, status and masking are Apollo's. Runs after the response
 * cache's middleware; the operations the cache answers are never learned.
 */
@Injectable()
export class KnownOperationMiddleware implements NestMiddleware {
  private readonly contextFor: ReturnType<typeof requestContextFactory>;
  /** Apollo's choice of answer type by Accept header (a few distinct headers in practice). */
  private readonly mediaTypes = new Map<string, string | undefined>();
  /** Operations whose last answer held text beyond ASCII: the next is written in pieces (see answerBytes). */
  private readonly beyondAscii = new WeakSet<OperationDefinitionNode>();

  constructor(
    private readonly known: KnownOperations,
    private readonly metrics: Metrics,
    auth: AuthService,
    config: AppConfig,
  ) {
    this.contextFor = requestContextFactory(auth, config.TRUST_PROXY);
  }

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const body = req.body as Record<string, unknown> | undefined;
    const source = body?.query;
    const contentType = req.headers['content-type'];
    // A JSON body only: Apollo refuses simple (CSRF-prone) content types, so they go on to it.
    if (typeof source !== 'string' || typeof contentType !== 'string' || !JSON_BODY.test(contentType)) {
      return next();
    }
    // Apollo reads null as absent.
    const operationName = body?.operationName ?? undefined;
    const variables = body?.variables ?? undefined;
    if (
      (operationName !== undefined && typeof operationName !== 'string') ||
      (variables !== undefined && (typeof variables !== 'object' || Array.isArray(variables))) ||
      (body?.extensions ?? undefined) !== undefined // persisted queries and the like: Apollo's
    ) {
      return next();
    }
    const known = this.known.find(source, operationName);
    const mediaType = known && this.mediaTypeFor(req.headers.accept);
    if (!known || !mediaType) {
      return next();
    }
    const started = process.hrtime.bigint();
    const { operation } = known;
    const inPieces = this.beyondAscii.has(operation);
    let result;
    try {
      result = await known.executor({
        schema: known.schema,
        document: known.document,
        operation,
        source,
        // As Nest's Apollo driver gives resolvers the context: with the request (and how its answer is written).
        context: { ...this.contextFor({ req }), req, [WRITTEN_IN_PIECES]: inPieces },
        request: { variables: variables as Record<string, unknown> | undefined, operationName: known.operationName },
      });
    } catch {
      result = null;
    }
    if (!result) {
      return next();
    }
    if (result.errors || !('data' in result)) {
      this.known.handOver(req, operation, result); // Apollo answers with it: its codes, statuses and masking
      return next();
    }
    let written: ReturnType<typeof answerBytes>;
    try {
      written = answerBytes({ data: result.data, extensions: result.extensions }, inPieces);
    } catch {
      return next(); // an answer JSON cannot hold: Apollo's to refuse
    }
    const { bytes, beyondAscii } = written;
    if (beyondAscii) {
      this.beyondAscii.add(operation);
    } else {
      this.beyondAscii.delete(operation);
    }
    res.statusCode = 200;
    res.setHeader('content-type', mediaType);
    res.send(bytes);
    this.known.served++;
    this.metrics.operationDuration.observe(
      { operation: this.metrics.operationLabel(known.operation.name?.value), type: 'query' },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
  }

  /** Apollo's answer type for this Accept header; undefined where Apollo refuses (406) or answers otherwise. */
  private mediaTypeFor(accept: string | undefined): string | undefined {
    if (!accept) {
      return APPLICATION_JSON;
    }
    if (!this.mediaTypes.has(accept)) {
      if (this.mediaTypes.size >= MEDIA_TYPES_KEPT) {
        this.mediaTypes.clear();
      }
      const chosen = new Negotiator({ headers: { accept } }).mediaType([
        APPLICATION_JSON,
        GRAPHQL_RESPONSE_JSON,
        GRAPHQL_CALLBACK_JSON,
      ]);
      this.mediaTypes.set(accept, chosen === APPLICATION_JSON || chosen === GRAPHQL_RESPONSE_JSON ? chosen : undefined);
    }
    return this.mediaTypes.get(accept);
  }
}
