import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type DocumentNode, GraphQLError, type ParseOptions, parse, type ValidationRule } from 'graphql';

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

export function queryProtection(options: { production: boolean }): QueryProtection {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    maxTokens: { enabled: false }, // see parseOptions
    costLimit: { maxCost: QUERY_LIMITS.maxCost, ignoreIntrospection: true },
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
