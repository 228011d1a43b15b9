import type { DocumentNode } from 'graphql';

/**
 * Heap a parsed document was measured to hold per token: its AST nodes and locations (a query's
 * tokens, ~420 bytes each) or a comment's token (~90). The parser keeps comments in the token list
 * while the token limit does not count them, so a 100 kB body of comments holds ~3 MB.
 */
const BYTES_PER_TOKEN = 420;

/**
 * Largest document a cache keeps (above any within the token limit: ~2,000 tokens, ~0.85 MB): one
 * padded with comments is parsed again per request instead of evicting every other document.
 */
export const MAX_CACHED_DOCUMENT_BYTES = 1.5 * 1024 * 1024;

/**
 * Bytes a parsed document keeps alive, estimated from below its real size (over it for
 * comments): for caches of documents to be bounded by memory, not by how their JSON prints
 * (Apollo's default charges a comment-padded document ~400 bytes).
 */
export function retainedSize(document: DocumentNode): number {
  let tokens = 0;
  for (let token = document.loc?.startToken ?? null; token; token = token.next) {
    tokens++;
  }
  return 2 * (document.loc?.source.body.length ?? 0) + BYTES_PER_TOKEN * Math.max(tokens, 1);
}
