/**
 * Escapes LIKE wildcards so user text matches literally; use with `ESCAPE '\'`, e.g.
 * `name ILIKE '%' || :text || '%' ESCAPE '\'` with `{ text: escapeLike(input) }`.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
