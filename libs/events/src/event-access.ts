import type { ActorRef } from '@app/common';
import type { EventEntity } from './event.entities';
import { EventVisibility } from './event.enums';

/** What a viewer may see and run among events, from their organisations and networks. */
export class EventAccess {
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

  canSee(event: Pick<EventEntity, 'visibility' | 'networkId'>): boolean {
    return (
      event.visibility === EventVisibility.PUBLIC ||
      this.platformAdmin ||
      (event.networkId !== null && this.networkIds.has(event.networkId))
    );
  }

  /** Whether the viewer works for one of an event's organisers (or is a platform admin). */
  canOrganise(organiserIds: readonly string[]): boolean {
    return this.platformAdmin || this.organisationIds.some((id) => organiserIds.includes(id));
  }
}
