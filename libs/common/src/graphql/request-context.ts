import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RequestLoaders } from './request-loaders';

/** What every resolver can rely on finding in the GraphQL context, over HTTP and WebSocket. */
export interface RequestContext {
  /** Correlates logs of one request (HTTP) or one operation (WebSocket). */
  readonly requestId: string;
  /** The client's IP address (the peer's, or the X-Forwarded-For entry the TRUST_PROXY setting trusts). */
  readonly clientAddress: string;
  /** The bearer token the client presented (HTTP `Authorization`, graphql-ws `connectionParams`). */
  readonly bearerToken: string | null;
  readonly loaders: RequestLoaders;
  /** Who is calling, resolved from the bearer token on first use (identity supplies it). */
  actor(): Promise<ActorRef>;
  /** The caller as of now (not memoised): long-lived subscriptions re-check access with it. */
  currentActor(): Promise<ActorRef>;
  /** The data versions already read for this request before GraphQL ran (the response cache's fast path). */
  readonly dataVersions?: DataVersionsRef;
}

/** Versions of families of domain state (activity's `DataVersions`, which common may not import). */
export interface DataVersionsRef {
  /** The versions of the families given, as one string. */
  versionOf(families: readonly string[]): string;
}

/** The least every context needs to know of the caller: which person, if any. */
export interface ActorRef {
  readonly kind: string;
  readonly personId?: string;
  readonly platformAdmin?: boolean;
  readonly affiliations?: readonly { readonly organisationId: string }[];
  /** The signed-in session the caller presented (its refresh-token family). */
  readonly sessionId?: string;
  /** The API token the caller presented, and the organisation it belongs to. */
  readonly tokenId?: string;
  readonly organisationId?: string;
  /** When the presented credentials stop being valid (an access token's expiry). */
  readonly expiresAt?: Date;
}

/**
 * The arguments of a field resolver that takes none. Such a resolver is written without parameter
 * decorators, `field(parent: T, _args: NoArgs, { loaders }: RequestContext)`, so Nest binds it to
 * graphql-js as it is: no per-call param factories, pipes or interceptor chain (field resolvers get
 * no guards, interceptors or filters here anyway, and there is no argument to validate).
 */
export type NoArgs = Readonly<Record<string, never>>;

/** Injects the caller (contexts that may not depend on identity see it through `ActorRef`). */
export const CallingActor = createParamDecorator((_: unknown, context: ExecutionContext): Promise<ActorRef> =>
  requestContextOf(context).actor(),
);

/** Injects the id of the signed-in person making the request (null for anonymous or API tokens). */
export const ActingPersonId = createParamDecorator(
  async (_: unknown, context: ExecutionContext): Promise<string | null> =>
    (await requestContextOf(context).actor()).personId ?? null,
);

export function requestContextOf(context: ExecutionContext): RequestContext {
  return GqlExecutionContext.create(context).getContext<RequestContext>();
}

/** Injects the request's DataLoaders into a resolver method. */
export const Loaders = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestLoaders => requestContextOf(context).loaders,
);

/** The token of an `Authorization: Bearer …` header (HTTP or graphql-ws `connectionParams`), if any. */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') {
    return null;
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}
