import { NetworkAccess } from '@app/networks';
import type { JointPositionEntity } from './drafting.entities';
import { PositionStatus } from './drafting.enums';

/** What a viewer may read and write among drafts, from their organisations' networks. */
export class DraftAccess extends NetworkAccess {
  /** Members of its network (and admins) always; anyone once submitted, unless kept private. */
  canRead(position: Pick<JointPositionEntity, 'networkId' | 'status' | 'publicWhenSubmitted'>): boolean {
    const submitted = position.status === PositionStatus.SUBMITTED || position.status === PositionStatus.RESPONDED;
    return (submitted && position.publicWhenSubmitted) || this.platformAdmin || this.canReadDeliberation(position);
  }

  /**
   * How a draft came to be (comments, tracked changes, earlier revisions, diffs, who wrote which
   * paragraph) stays with its network's members (and admins), also once the draft itself is public.
   */
  canReadDeliberation(position: Pick<JointPositionEntity, 'networkId'>): boolean {
    return this.platformAdmin || this.networkIds.has(position.networkId);
  }
}
