import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ActivityVerb, ActivityVisibility, type RecordActivity } from '@app/activity';
import { PoliceForceAreaService } from '@app/geography';
import { EventEntity } from './event.entities';
import { EventVisibility } from './event.enums';

/** Activity about an event, seen by whoever may see the event, in its area's and organiser's feeds. */
@Injectable()
export class EventActivity {
  constructor(private readonly areas: PoliceForceAreaService) {}

  /** Reads the event as the transaction now has it, so the item names it as changed. */
  async note(
    tx: EntityManager,
    record: RecordActivity,
    eventId: string,
    verb: ActivityVerb,
    actorPersonId: string | null,
    payload: Record<string, unknown> = {},
  ): Promise<void> {
    const event = await tx.findOneByOrFail(EventEntity, { id: eventId });
    const [area] = event.policeForceAreaId ? await this.areas.findByIds([event.policeForceAreaId]) : [];
    await record({
      verb,
      visibility: event.visibility === EventVisibility.PUBLIC ? ActivityVisibility.PUBLIC : ActivityVisibility.NETWORK,
      actorPersonId,
      policeForceAreaCode: area?.code ?? null,
      organisationId: event.organiserOrganisationId,
      networkId: event.networkId,
      eventId: event.id,
      payload: { event: event.title, sequence: event.sequence, ...payload },
    });
  }
}
