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

export function decodeCursor(cursor: string, field = 'after'): Keyset {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw DomainError.badInput(field, 'is not a cursor from this list');
}
