import { type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Characters of query text kept parsed (a dashboard's few subscription documents take a few kB). */
const MAX_CACHED_QUERY_CHARS = 2_000_000;

/**
 * Parsed and validated subscription documents, shared by every subscriber that sends the same text.
 * graphql-ws parses and validates each Subscribe message afresh (and the token limit parsed it once
 * more): when thousands of dashboards reconnect at once they send a handful of distinct documents.
 * Only successful parses are kept, least recently used first out, bounded by the text's size; a
 * document's validation errors are kept while the document is (graphql-js never changes a document).
 */
export class SubscribeDocuments {
  private readonly parsed = new LRUCache<string, DocumentNode>({
    maxSize: MAX_CACHED_QUERY_CHARS,
    sizeCalculation: (_document, query) => Math.max(query.length, 1),
  });
  private readonly validations = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, readonly GraphQLError[]>>();

  constructor(private readonly parser: (query: string) => DocumentNode) {}

  /** The document of `query`; what the parser throws is thrown every time (nothing is kept). */
  parse(query: string): DocumentNode {
    let document = this.parsed.get(query);
    if (document === undefined) {
      document = this.parser(query);
      this.parsed.set(query, document);
    }
    return document;
  }

  /** `validate(schema, document)` once per document and schema. */
  validated(
    schema: GraphQLSchema,
    document: DocumentNode,
    validate: (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[],
  ): readonly GraphQLError[] {
    let bySchema = this.validations.get(schema);
    if (!bySchema) {
      bySchema = new WeakMap();
      this.validations.set(schema, bySchema);
    }
    let errors = bySchema.get(document);
    if (errors === undefined) {
      errors = validate(schema, document);
      bySchema.set(document, errors);
    }
    return errors;
  }
}
