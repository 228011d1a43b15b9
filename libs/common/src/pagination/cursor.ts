import { DomainError } from '../errors/domain-error';
import { isStorableText } from '../text/storable-text';

/** A position in a keyset-ordered list: the sort key and id of the last row seen. */
export interface Keyset {
  readonly key: string;
  readonly id: string;
}

/** Opaque to clients (base64url JSON); stable across requests, unlike an offset. */
export function encodeCursor(position: Keyset): string {
  return Buffer.from(JSON.stringify([position.key, position.id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_BIGINT = 2n ** 63n - 1n;

/** Whether a keyset's id is a UUID, as the ids of our lists are (else SQL would fail on the cast). */
export const hasUuid = (position: Keyset): boolean => UUID.test(position.id);

/**
 * Whether text is an instant exactly as `Date.toISOString` wrote it into a cursor: `Date.parse`
 * also takes `"2026"` or `"2026-02-30"`, which a `timestamptz` cast refuses or reads otherwise.
 */
export function isIsoInstant(text: string): boolean {
  const time =
    !text.startsWith('0000') && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text)
      ? Date.parse(text)
      : Number.NaN;
  return !Number.isNaN(time) && new Date(time).toISOString() === text;
}

/** Whether text is a non-negative integer a PostgreSQL `bigint` holds. */
export const isBigintText = (text: string): boolean => /^\d{1,19}$/.test(text) && BigInt(text) <= MAX_BIGINT;

/**
 * Decodes a cursor a client sent back. `valid` checks what the SQL will cast (a forged cursor must
 * be bad input naming `field`, never a database error); text PostgreSQL cannot hold is refused here
 * for every list.
 */
export function decodeCursor(
  cursor: string,
  field = 'after',
  valid: (position: Keyset) => boolean = () => true,
): Keyset {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string' && isStorableText(v))) {
      const position = { key: value[0] as string, id: value[1] as string };
      if (valid(position)) {
        return position;
      }
    }
  } catch {
    // fall through
  }
  throw DomainError.invalidInput(field, 'is not a cursor from this list');
}
