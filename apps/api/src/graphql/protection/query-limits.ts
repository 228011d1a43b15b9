import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  GraphQLError,
  type ParseOptions,
  parse,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Limits on what one GraphQL operation may ask, the same over HTTP and WebSocket, so that a
 * hostile or careless query cannot take the server down. Generous for real clients: the
 * deepest legitimate query today is 5 levels, GraphiQL's introspection about 300 tokens.
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 20,
  maxDirectives: 20,
  maxTokens: 2_000,
  maxCost: 5_000,
  /** Bytes of one HTTP request body or one WebSocket message. */
  maxPayloadBytes: 100_000,
} as const;

export interface QueryProtection {
  /**
   * Options for GraphQL's own parser: it stops at the token limit and the failure is an ordinary
   * syntax error, which Apollo answers as GRAPHQL_PARSE_FAILED like any other (graphql-armor's
   * token plugin throws inside Apollo's parsing hook instead, which Apollo answers with a 500).
   */
  readonly parseOptions: ParseOptions;
  /** Apollo plugins (suggestion blocking). */
  readonly plugins: ReturnType<ApolloArmor['protect']>['plugins'];
  /** Validation rules for depth, aliases, directives and cost, on top of GraphQL's own. */
  readonly validationRules: ValidationRule[];
  /** Parses with the token limit (for transports that do not go through Apollo). */
  parse(query: string): DocumentNode;
}

/** The codes Apollo gives parse and validation failures, for transports that do not go through Apollo. */
export const withCode = (
  error: GraphQLError,
  code: ApolloServerErrorCode.GRAPHQL_PARSE_FAILED | ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
): GraphQLError =>
  new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });

/**
 * graphql-armor words each refusal as a "Syntax Error" (for a valid document that only asks too
 * much): report it instead as a validation error saying which limit and what to do.
 */
const refusal = (advice: string) => ({
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError): void => {
      const reworded = new GraphQLError(`${error.message.replace(/^Syntax Error: /, '')} ${advice}`);
      if (!context) {
        throw reworded; // never let a refusal pass for want of a context to report it in
      }
      context.reportError(reworded);
    },
  ],
});

export function queryProtection(options: { production: boolean }): QueryProtection {
  const armor = new ApolloArmor({
    maxDepth: {
      n: QUERY_LIMITS.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      ...refusal('Ask for fewer nested levels, e.g. fetch the inner objects in a second query by their ids.'),
    },
    maxAliases: {
      n: QUERY_LIMITS.maxAliases,
      ...refusal('Use fewer aliases, or send the work as several operations.'),
    },
    maxDirectives: {
      n: QUERY_LIMITS.maxDirectives,
      ...refusal('Use fewer directives, or send the work as several operations.'),
    },
    maxTokens: { enabled: false }, // see parseOptions
    costLimit: {
      maxCost: QUERY_LIMITS.maxCost,
      ignoreIntrospection: true,
      ...refusal('Ask for fewer items per page (`first`) or fewer nested lists, or split the query.'),
    },
    // Suggestions ("did you mean …") help developers and schema-probing attackers alike.
    blockFieldSuggestion: { enabled: options.production },
  });
  const { plugins, validationRules } = armor.protect();
  const parseOptions: ParseOptions = { maxTokens: QUERY_LIMITS.maxTokens };
  return {
    parseOptions,
    plugins,
    validationRules,
    parse: (query) => parse(query, parseOptions),
  };
}
