import type { ApolloServerPlugin } from '@apollo/server';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@app/common';

/** Deepest nesting of an operation's variables: our inputs nest a few levels; coercion recurses once per level. */
export const MAX_VARIABLES_DEPTH = 16;
/** Most values (objects, lists and what they hold) an operation's variables may carry. */
export const MAX_VARIABLES_VALUES = 10_000;

/**
 * Why an operation's variables are refused (nested too deep, too many values), or null. Walked
 * without recursion and stopped at the first excess: what GraphQL's coercion, the response cache's
 * key and the argument checks then walk is bounded (12,000 levels were a 500, 30,000 a 0.4 s stall).
 */
export function variablesRefusal(variables: unknown): string | null {
  if (variables === null || typeof variables !== 'object') {
    return null;
  }
  const pending: [unknown, number][] = [[variables, 1]];
  let values = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (++values > MAX_VARIABLES_VALUES) {
      return `Variables hold more than ${MAX_VARIABLES_VALUES.toLocaleString('en-GB')} values`;
    }
    if (value === null || typeof value !== 'object') {
      continue;
    }
    if (depth > MAX_VARIABLES_DEPTH) {
      return `Variables nest deeper than ${MAX_VARIABLES_DEPTH} levels`;
    }
    for (const child of Array.isArray(value) ? (value as unknown[]) : Object.values(value)) {
      pending.push([child, depth + 1]);
    }
  }
  return null;
}

/** The GraphQL error for refused variables, naming them as the offending field. */
export const variablesError = (message: string) => ({
  message,
  extensions: { code: ErrorCode.BAD_USER_INPUT, fields: [{ field: 'variables', message }] },
});

/** Refuses, before anything reads them, the variables of a GraphQL request over HTTP that `variablesRefusal` refuses. */
@Injectable()
export class VariablesShapeMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const refusal = variablesRefusal((req.body as { variables?: unknown } | undefined)?.variables);
    if (refusal) {
      res.status(400).json({ errors: [variablesError(refusal)] });
      return;
    }
    next();
  }
}

/**
 * The same bound inside Apollo, for what reaches it past the middleware: GET requests (variables in
 * the query string) and paths under the GraphQL path, which Apollo serves and the middleware's
 * route does not match. Checked when the operation is known, before the response cache keys it.
 */
export function variablesShapePlugin(): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request }) => {
          const refusal = variablesRefusal(request.variables);
          if (refusal) {
            const { message, extensions } = variablesError(refusal);
            throw new GraphQLError(message, { extensions: { ...extensions, http: { status: 400 } } });
          }
          return Promise.resolve();
        },
      }),
  };
}
