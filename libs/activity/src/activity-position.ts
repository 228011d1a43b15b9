import { decodeCursor, encodeCursor, isBigintText } from '@app/common';

/** A position in the activity order: (writing transaction id, sequence), both bigints. */
export interface ActivityPosition {
  readonly txId: bigint;
  readonly sequence: bigint;
}

// One item reaches every subscriber: convert its position once, not once per subscriber.
const positions = new WeakMap<object, ActivityPosition>();

export function positionOf(event: { txId: string; sequence: string }): ActivityPosition {
  let position = positions.get(event);
  if (!position) {
    position = { txId: BigInt(event.txId), sequence: BigInt(event.sequence) };
    positions.set(event, position);
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
