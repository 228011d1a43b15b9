import { Injectable } from '@nestjs/common';
import { ActivityVisibility, type Noter } from '@app/activity';
import { PoliceForceAreaService } from '@app/geography';
import { EventEntity } from './event.entities';
import { EventVisibility } from './event.enums';

/** Activity about an event, seen by whoever may see the event, in its area's and organiser's feeds. */
@Injectable()
export class EventActivity {
  constructor(private readonly areas: PoliceForceAreaService) {}

  /** Events' noter: reads the event as the transaction now has it, so the item names it as changed. */
  noter(actorPersonId: string | null): Noter<Pick<EventEntity, 'id'>> {
    return async (tx, { id }, verb, payload) => {
      const event = await tx.findOneByOrFail(EventEntity, { id });
      const [area] = event.policeForceAreaId ? await this.areas.findByIds([event.policeForceAreaId]) : [];
      return {
        verb,
        visibility:
          event.visibility === EventVisibility.PUBLIC ? ActivityVisibility.PUBLIC : ActivityVisibility.NETWORK,
        actorPersonId,
        policeForceAreaCode: area?.code ?? null,
        organisationId: event.organiserOrganisationId,
        networkId: event.networkId,
        eventId: event.id,
        payload: { event: event.title, sequence: event.sequence, ...payload },
      };
    };
  }
}
