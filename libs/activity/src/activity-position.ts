import { decodeCursor, encodeCursor, isBigintText } from '@app/common';

/** A position in the activity order: (writing transaction id, sequence), both bigints. */
export interface ActivityPosition {
  readonly txId: bigint;
  readonly sequence: bigint;
}

// One item reaches every subscriber: convert its position once, not once per subscriber, and keep it
// on the item itself (a symbol: not enumerated, not serialised), which is read faster than a WeakMap.
const POSITION = Symbol('activity position');

export function positionOf(event: { txId: string; sequence: string }): ActivityPosition {
  const held = event as { [POSITION]?: ActivityPosition };
  let position = held[POSITION];
  if (!position) {
    position = { txId: BigInt(event.txId), sequence: BigInt(event.sequence) };
    if (Object.isExtensible(event)) {
      held[POSITION] = position;
    }
  }
  return position;
}

export const isAfter = (a: ActivityPosition, b: ActivityPosition | null): boolean =>
  b === null || a.txId > b.txId || (a.txId === b.txId && a.sequence > b.sequence);

export const cursorOf = (event: { txId: string; sequence: string }): string =>
  encodeCursor({ key: event.txId, id: event.sequence });

export function positionFromCursor(cursor: string, field = 'after'): ActivityPosition {
  const { key, id } = decodeCursor(cursor, field, (p) => isBigintText(p.key) && isBigintText(p.id));
  return { txId: BigInt(key), sequence: BigInt(id) };
}
