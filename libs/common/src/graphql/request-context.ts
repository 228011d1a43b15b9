import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RequestLoaders } from './request-loaders';

/** What every resolver can rely on finding in the GraphQL context, over HTTP and WebSocket. */
export interface RequestContext {
  /** Correlates logs of one request (HTTP) or one operation (WebSocket). */
  readonly requestId: string;
  /** The client's IP address (as Express reports it; set `trust proxy` behind a load balancer). */
  readonly clientAddress: string;
  /** The bearer token the client presented (HTTP `Authorization`, graphql-ws `connectionParams`). */
  readonly bearerToken: string | null;
  readonly loaders: RequestLoaders;
}

export function requestContextOf(context: ExecutionContext): RequestContext {
  return GqlExecutionContext.create(context).getContext<RequestContext>();
}

/** Injects the request's DataLoaders into a resolver method. */
export const Loaders = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestLoaders => requestContextOf(context).loaders,
);
