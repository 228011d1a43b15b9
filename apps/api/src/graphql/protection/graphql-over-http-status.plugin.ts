import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import Negotiator from 'negotiator';

/** Failures of a well-formed request: the document or its variables, not the HTTP request itself. */
const REQUEST_ERRORS: ReadonlySet<unknown> = new Set([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
]);

const APPLICATION_JSON = 'application/json';
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/** The media type Apollo answers in, chosen the same way (no Accept header means application/json). */
function responseMediaType(accept: string | undefined): string | undefined {
  if (!accept) {
    return APPLICATION_JSON;
  }
  return new Negotiator({ headers: { accept } }).mediaType([APPLICATION_JSON, GRAPHQL_RESPONSE_JSON]);
}

/**
 * Status codes as the GraphQL-over-HTTP spec asks: a parse, validation or variable-coercion
 * failure (query limits included) is a 400 to clients that accept
 * `application/graphql-response+json`, whose status says whether there is data; but a 200 to
 * legacy `application/json` clients, which read the `errors` of every well-formed request.
 * Apollo answers 400 to both; malformed HTTP requests (no query, CSRF refusals) keep their 400.
 */
export function graphqlOverHttpStatus(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ request, response, errors }) {
          const { body, http } = response;
          if (
            http.status === 400 &&
            body.kind === 'single' &&
            !('data' in body.singleResult) &&
            errors?.length &&
            errors.every((error) => REQUEST_ERRORS.has(error.extensions.code)) &&
            responseMediaType(request.http?.headers.get('accept')) === APPLICATION_JSON
          ) {
            http.status = 200;
          }
          return Promise.resolve();
        },
      });
    },
  };
}
