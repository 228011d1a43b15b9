import { ApolloArmor } from '@escape.tech/graphql-armor';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { DocumentNode, ValidationRule } from 'graphql';

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
  /** Apollo plugins (token limit, suggestion blocking). */
  readonly plugins: ReturnType<ApolloArmor['protect']>['plugins'];
  /** Validation rules for depth, aliases, directives and cost, on top of GraphQL's own. */
  readonly validationRules: ValidationRule[];
  /** Parses with the token limit (for transports that do not go through Apollo). */
  parse(query: string): DocumentNode;
}

export function queryProtection(options: { production: boolean }): QueryProtection {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, ignoreIntrospection: true },
    // Suggestions ("did you mean …") help developers and schema-probing attackers alike.
    blockFieldSuggestion: { enabled: options.production },
  });
  const { plugins, validationRules } = armor.protect();
  return {
    plugins,
    validationRules,
    parse: (query) => {
      const parser = new MaxTokensParserWLexer(query, { n: QUERY_LIMITS.maxTokens });
      return parser.parseDocument();
    },
  };
}
