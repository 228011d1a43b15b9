import type { EntityManager } from 'typeorm';
import { DomainError } from '@app/common';

export interface LockedArea {
  readonly id: string;
  readonly code: string;
}

/**
 * Finds an area and serialises changes to its offices and holders until the transaction ends, so
 * rules read inside it (no overlapping terms, one open period) hold at commit. NO KEY UPDATE does
 * not block rows elsewhere that merely reference the area.
 */
export async function lockArea(
  tx: EntityManager,
  by: { readonly code: string } | { readonly id: string },
  field: string,
): Promise<LockedArea> {
  const [area] = await tx.query<LockedArea[]>(
    `SELECT id, code FROM police_force_area WHERE ${'code' in by ? 'code' : 'id'} = $1 FOR NO KEY UPDATE`,
    ['code' in by ? by.code : by.id],
  );
  if (!area) {
    throw DomainError.badInput(field, 'is not a police force area');
  }
  return area;
}
