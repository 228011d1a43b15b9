import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, keyedBy, type LoaderFactory } from '@app/common';
import type { EventAgendaItemEntity, EventEntity, EventOccurrenceChangeEntity } from './event.entities';
import type { RsvpTally } from './event.model';
import { EventService, type TallyKey } from './event.service';

export interface EventLoaders {
  readonly byId: DataLoader<string, EventEntity>;
  readonly agendaByEventId: DataLoader<string, EventAgendaItemEntity[]>;
  readonly changesByEventId: DataLoader<string, EventOccurrenceChangeEntity[]>;
  readonly tally: DataLoader<TallyKey, RsvpTally, string>;
}

@Injectable()
export class EventLoaderFactory implements LoaderFactory<EventLoaders> {
  constructor(private readonly events: EventService) {}

  createLoaders(): EventLoaders {
    return {
      byId: new DataLoader(async (ids) => keyedBy(ids, await this.events.findByIds(ids), (e) => e.id)),
      agendaByEventId: new DataLoader(async (ids) => groupBy(ids, await this.events.agendaOf(ids), (a) => a.eventId)),
      changesByEventId: new DataLoader(async (ids) => groupBy(ids, await this.events.changesOf(ids), (c) => c.eventId)),
      tally: new DataLoader((keys) => this.events.tallies(keys), {
        cacheKeyFn: (k) => `${k.event.id}|${k.occurrenceStart?.toISOString() ?? ''}`,
      }),
    };
  }
}
