import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';

/**
 * How strongly a row is held until its transaction ends. `update` (FOR UPDATE) serialises every
 * change to the row; `no-key-update` (FOR NO KEY UPDATE) serialises changes too, but does not
 * block rows elsewhere that merely reference it.
 */
export type RowLockMode = 'update' | 'no-key-update';

const TYPEORM_MODE = { update: 'pessimistic_write', 'no-key-update': 'for_no_key_update' } as const;

/**
 * The one place a row is locked: reads it held for the rest of the transaction, or null when no
 * row matches. Activity transactions lock through `ActivityRecorder.transactionOn`; this is for
 * transactions that record no activity (sessions, accounts).
 */
export function lockRow<E extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<E>,
  where: FindOptionsWhere<E>,
  mode: RowLockMode = 'update',
): Promise<E | null> {
  return tx.findOne(entity, { where, lock: { mode: TYPEORM_MODE[mode] } });
}
