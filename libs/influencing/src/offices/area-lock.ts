import type { LockTarget } from '@app/activity';
import { DomainError } from '@app/common';
import { PoliceForceAreaEntity } from '@app/geography';

export interface LockedArea {
  readonly id: string;
  readonly code: string;
}

/**
 * An area, to hold for a change to its offices and holders until the transaction ends, so rules
 * read inside it (no overlapping terms, one open period) hold at commit. NO KEY UPDATE does not
 * block rows elsewhere that merely reference the area. Use with `ActivityRecorder.transactionOn`.
 */
export const areaOf = (
  by: { readonly code: string } | { readonly id: string },
  field: string,
): LockTarget<PoliceForceAreaEntity> => ({
  entity: PoliceForceAreaEntity,
  id: by,
  name: 'Police force area',
  mode: 'no-key-update',
  missing: () => DomainError.unknown(field, 'is not a police force area'),
});
