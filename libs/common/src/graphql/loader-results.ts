/**
 * DataLoader batch functions must answer in the order of their keys; these put rows
 * fetched in one query back into that order.
 */
export function keyedBy<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): (T | Error)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? new Error(`No row for key ${String(key)}`));
}

export function groupBy<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) {
    groups.get(keyOf(row))?.push(row);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** What `loadMany` found: keys `keyedBy` had no row for (returned as errors) are left out. */
export function loaded<T>(results: readonly (T | Error)[]): T[] {
  return results.filter((r): r is T => !(r instanceof Error));
}
