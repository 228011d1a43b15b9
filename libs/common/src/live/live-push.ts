/**
 * A live stream that can hand its items over as they come, instead of one `next()` promise per item
 * (at 10,000 subscribers, the promises and turns per delivery cost as much as writing it). Once
 * `pushTo` is called, items go to `deliver` in order, synchronously where the source allows, and
 * `next()` settles only when the stream ends: done, or rejected with the error that ended it.
 */
export interface LivePush<T> {
  pushTo(deliver: LiveDelivery<T>): void;
}

/**
 * Takes one item; answers how many items the receiver holds not yet delivered (waiting for a check or
 * for an earlier item), so that the source bounds them as it bounds its own queue.
 */
export type LiveDelivery<T> = (item: T) => number;

export function canPush<T>(stream: unknown): stream is LivePush<T> {
  return typeof (stream as Partial<LivePush<T>> | null)?.pushTo === 'function';
}
