import type { ActorRef } from '@app/common';

/** A viewer and the networks their organisations actively belong to: what members-only rules read. */
export class NetworkAccess {
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
}
