import { DomainError } from '../errors/domain-error';

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

/** Whether a keyset's id is a UUID, as the ids of our lists are (else SQL would fail on the cast). */
export const hasUuid = (position: Keyset): boolean => UUID.test(position.id);

/** `valid` checks what the SQL will cast (a forged cursor must be bad input, not a database error). */
export function decodeCursor(
  cursor: string,
  field = 'after',
  valid: (position: Keyset) => boolean = () => true,
): Keyset {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      const position = { key: value[0], id: value[1] };
      if (valid(position)) {
        return position;
      }
    }
  } catch {
    // fall through
  }
  throw DomainError.badInput(field, 'is not a cursor from this list');
}
