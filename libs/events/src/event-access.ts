import { NetworkAccess } from '@app/networks';
import type { EventEntity } from './event.entities';
import { EventVisibility } from './event.enums';

/** What a viewer may see and run among events, from their organisations and networks. */
export class EventAccess extends NetworkAccess {
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
