import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { bearerToken, RequestLoaders } from '@app/common';
import { type Actor, type AuthService, type IdentityRequestContext } from '@app/identity';
import { clientAddress } from './protection/client-address';
import { preparedFor } from './response-cache/cached-response.middleware';

interface HttpContextArgs {
  readonly req?: IncomingMessage & { id?: unknown; ip?: string };
}

interface WsContextArgs {
  readonly connectionParams?: Readonly<Record<string, unknown>>;
  readonly extra?: { readonly request?: IncomingMessage };
}

/**
 * Builds the context of one GraphQL operation, over HTTP (Apollo) or WebSocket (graphql-ws).
 * The bearer token comes from the Authorization header or graphql-ws `connectionParams`;
 * it is checked only when a resolver asks for the actor.
 */
export function requestContextFactory(auth: AuthService, trustedProxyHops = 0) {
  return (args: (HttpContextArgs & WsContextArgs) | undefined): IdentityRequestContext => {
    const req = args?.req;
    const id = req?.id;
    const token = req
      ? bearerToken(req.headers.authorization)
      : bearerToken(args?.connectionParams?.authorization ?? args?.connectionParams?.Authorization);
    const ready = preparedFor(req);
    let actor: Promise<Actor> | undefined = ready ? Promise.resolve(ready.actor) : undefined;
    return {
      requestId: typeof id === 'string' ? id : randomUUID(),
      clientAddress:
        req?.ip ?? (args?.extra?.request ? clientAddress(args.extra.request, trustedProxyHops) : 'unknown'),
      bearerToken: token,
      loaders: new RequestLoaders(),
      actor: () => (actor ??= auth.actorFor(token)),
      currentActor: () => auth.actorFor(token),
      dataVersions: ready?.dataVersions,
    };
  };
}
