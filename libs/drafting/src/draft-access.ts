import type { ActorRef } from '@app/common';
import type { JointPositionEntity } from './drafting.entities';
import { PositionStatus } from './drafting.enums';

/** What a viewer may read and write among drafts, from their organisations' networks. */
export class DraftAccess {
  constructor(
    readonly viewer: ActorRef,
    /** Networks where one of the viewer's organisations is an active member. */
    readonly networkIds: ReadonlySet<string>,
  ) {}

  get platformAdmin(): boolean {
    return this.viewer.platformAdmin === true;
  }

  get organisationIds(): string[] {
    return (this.viewer.affiliations ?? []).map((a) => a.organisationId);
  }

  /** Members of its network (and admins) always; anyone once submitted, unless kept private. */
  canRead(position: Pick<JointPositionEntity, 'networkId' | 'status' | 'publicWhenSubmitted'>): boolean {
    const submitted = position.status === PositionStatus.SUBMITTED || position.status === PositionStatus.RESPONDED;
    return (submitted && position.publicWhenSubmitted) || this.platformAdmin || this.networkIds.has(position.networkId);
  }
}
