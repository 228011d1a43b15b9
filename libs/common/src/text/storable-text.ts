// NUL, or a UTF-16 surrogate without its pair: JavaScript strings hold both, PostgreSQL text and
// jsonb (and UTF-8 itself) hold neither, so they must be refused before any SQL or JSON column.
// eslint-disable-next-line no-control-regex -- NUL is what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether PostgreSQL can store this text as it is. */
export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/**
 * The dotted path (under `path`) of the first string or object key in `value` that PostgreSQL
 * cannot store, or undefined when there is none.
 */
export function unsafeTextIn(value: unknown, path = ''): string | undefined {
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (typeof value === 'string') {
    return isStorableText(value) ? undefined : path;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unsafeTextIn(item, at(index));
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) {
        return at(key.replace(UNSTORABLE, '\ufffd'));
      }
      const found = unsafeTextIn(item, at(key));
      if (found !== undefined) {
        return found;
      }
    }
  }
  return undefined;
}
