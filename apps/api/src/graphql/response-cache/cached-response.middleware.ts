import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { DataVersion, type DataVersions } from '@app/activity';
import { bearerToken } from '@app/common';
import { type Actor, AuthService } from '@app/identity';
import { Metrics } from '../../metrics/metrics';
import { ResponseStore } from './response-store';

const NAMED_OPERATION = /^\s*(?:query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/;

export const RESPONSE_STORE = Symbol('RESPONSE_STORE');

/** What a missed lookup already read, handed to the GraphQL context so a miss costs nothing twice. */
export interface PreparedRequest {
  readonly actor: Actor;
  readonly dataVersions: DataVersions;
}
const prepared = new WeakMap<IncomingMessage, PreparedRequest>();
export const preparedFor = (req: IncomingMessage | undefined): PreparedRequest | undefined =>
  req ? prepared.get(req) : undefined;

/**
 * Answers a repeated cacheable query before Nest's and Apollo's per-request pipeline: the
 * answer was computed for the same request, actor, versions of what it read and day, so checks and limits
 * already passed for it. Tried only for query texts the cache has seen, so other requests
 * (mutations, first reads) pay nothing. Sends gzip to clients that accept it.
 */
@Injectable()
export class CachedResponseMiddleware implements NestMiddleware {
  constructor(
    @Inject(RESPONSE_STORE) private readonly store: ResponseStore | null,
    private readonly auth: AuthService,
    private readonly dataVersion: DataVersion,
    private readonly metrics: Metrics,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const body = req.body as { query?: unknown; operationName?: unknown; variables?: unknown } | undefined;
    const source = body?.query;
    const readSet = typeof source === 'string' ? this.store?.readSetOf(source) : undefined;
    const givenName = body?.operationName ?? null;
    const operationName = typeof givenName === 'string' ? givenName : null;
    // A name neither text nor null is Apollo's to refuse (400), not answered from cache as the unnamed operation.
    if (!this.store || req.method !== 'POST' || typeof source !== 'string' || !readSet || givenName !== operationName) {
      return next();
    }
    const variables = body?.variables ?? {};
    if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
      return next();
    }
    let actor: Actor;
    try {
      actor = await this.auth.actorFor(bearerToken(req.headers.authorization));
    } catch {
      return next(); // a bad token: GraphQL answers with its error
    }
    const started = process.hrtime.bigint();
    let dataVersions: DataVersions;
    try {
      dataVersions = await this.dataVersion.versions();
    } catch {
      return next(); // PostgreSQL away: GraphQL answers with SERVICE_UNAVAILABLE
    }
    const hit = this.store.get(
      ResponseStore.key({
        source,
        operationName,
        variables: variables as Record<string, unknown>,
        actor,
        version: dataVersions.versionOf(readSet),
      }),
    );
    if (!hit) {
      prepared.set(req, { actor, dataVersions });
      return next();
    }
    res.status(200);
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('vary', 'accept-encoding');
    // Negotiated (q-values, `identity`, `*`), so `gzip;q=0` means no gzip.
    if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      res.setHeader('content-encoding', 'gzip');
      res.end(ResponseStore.gzipOf(hit));
    } else {
      res.end(ResponseStore.bytesOf(hit));
    }
    const name = operationName ?? NAMED_OPERATION.exec(source)?.[1];
    this.metrics.operationDuration.observe(
      { operation: this.metrics.operationLabel(name), type: 'query' },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
  }
}
