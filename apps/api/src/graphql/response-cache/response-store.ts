import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FormattedExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import { todayIn, UK_TIME_ZONE } from '@app/common';
import type { Actor } from '@app/identity';
import { chargedByText, type ReadSet } from './read-set';

export type Result = FormattedExecutionResult;

/** A cached answer as sent: its JSON, and its bytes and gzip once the fast path served them. */
export interface CachedResponse {
  readonly result: Result;
  readonly json: string;
  bytes?: Buffer;
  gzip?: Buffer;
}

/** What a cached answer depends on: the request as sent, who asks, the versions of what it read and the day. */
export interface ResponseKeyParts {
  readonly source: string;
  /** As the request named it (not as resolved from the document): the HTTP fast path cannot parse. */
  readonly operationName: string | null;
  readonly variables: Record<string, unknown>;
  readonly actor: Actor;
  /** The versions of the families the query text reads (its read set), with the database's date. */
  readonly version: string;
}

/** Whole responses shared by the Apollo plugin (which fills it) and the HTTP fast path (which reads it). */
export class ResponseStore {
  private readonly cache: LRUCache<string, CachedResponse>;
  /** Query texts with an answer cached lately, and what they read: only these are worth a lookup before GraphQL. */
  private readonly sources = new LRUCache<string, ReadSet>({
    max: 10_000,
    // Texts are charged by their length: 10,000 padded with 100 kB of comments held a gigabyte.
    ...chargedByText,
  });
  readonly inFlight = new Map<string, Promise<CachedResponse | null>>();

  constructor(maxBytes: number) {
    this.cache = new LRUCache({ maxSize: maxBytes }); // sized by JSON length on set
  }

  /** The read set of a query text with an answer cached lately (undefined for any other). */
  readSetOf(source: string): ReadSet | undefined {
    return this.sources.get(source);
  }

  get(key: string): CachedResponse | undefined {
    return this.cache.get(key);
  }

  set(key: string, source: string, readSet: ReadSet, response: CachedResponse): void {
    this.cache.set(key, response, { size: response.json.length });
    this.sources.set(source, readSet);
  }

  /** The UTF-8 of a cached answer, encoded once rather than on every write. */
  static bytesOf(response: CachedResponse): Buffer {
    response.bytes ??= Buffer.from(response.json);
    return response.bytes;
  }

  /** The gzip of a cached answer, made once (about an eighth of the bytes for the coverage table). */
  static gzipOf(response: CachedResponse): Buffer {
    response.gzip ??= gzipSync(ResponseStore.bytesOf(response));
    return response.gzip;
  }

  static key(parts: ResponseKeyParts): string {
    return createHash('sha256')
      .update(
        JSON.stringify([
          parts.source,
          parts.operationName,
          parts.variables,
          actorKey(parts.actor),
          parts.version,
          todayIn(UK_TIME_ZONE),
        ]),
      )
      .digest('base64');
  }
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
