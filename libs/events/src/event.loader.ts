import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, keyedBy, type LoaderFactory } from '@app/common';
import type { ActorRef } from '@app/common';
import type { EventAccess } from './event-access';
import type {
  EventAgendaItemEntity,
  EventEntity,
  EventOccurrenceChangeEntity,
  EventRsvpEntity,
} from './event.entities';
import type { RsvpTally } from './event.model';
import { EventService, type RsvpKey, type TallyKey } from './event.service';
import { OccurrenceBudget } from './occurrences';

export interface EventLoaders {
  readonly byId: DataLoader<string, EventEntity>;
  /**
   * An event with at least its id and schedule (start, end, zone, rule, status and its reason), for
   * its occurrences: a page of events primes it with its rows, even where they hold some columns only.
   */
  readonly scheduleById: DataLoader<string, EventEntity>;
  readonly agendaByEventId: DataLoader<string, EventAgendaItemEntity[]>;
  readonly changesByEventId: DataLoader<string, EventOccurrenceChangeEntity[]>;
  readonly tally: DataLoader<TallyKey, RsvpTally, string>;
  readonly rsvps: DataLoader<RsvpKey, EventRsvpEntity[], string>;
  readonly organisers: DataLoader<string, string[]>;
  /** The viewer's access, worked out once per request (keyed by the request's actor object). */
  readonly access: DataLoader<ActorRef, EventAccess>;
  /** Occurrences this answer may still list. */
  readonly occurrenceBudget: OccurrenceBudget;
  /**
   * What a page of events read for its occurrences (as primed into `scheduleById` and
   * `changesByEventId`), at hand without waiting for a loader's promise.
   */
  readonly pageRead: {
    readonly schedules: Map<string, EventEntity>;
    readonly changes: Map<string, EventOccurrenceChangeEntity[]>;
  };
}

@Injectable()
export class EventLoaderFactory implements LoaderFactory<EventLoaders> {
  constructor(private readonly events: EventService) {}

  createLoaders(): EventLoaders {
    return {
      byId: new DataLoader(async (ids) => keyedBy(ids, await this.events.findByIds(ids), (e) => e.id)),
      scheduleById: new DataLoader(async (ids) => keyedBy(ids, await this.events.findByIds(ids), (e) => e.id)),
      agendaByEventId: new DataLoader(async (ids) => groupBy(ids, await this.events.agendaOf(ids), (a) => a.eventId)),
      changesByEventId: new DataLoader(async (ids) => groupBy(ids, await this.events.changesOf(ids), (c) => c.eventId)),
      tally: new DataLoader((keys) => this.events.tallies(keys), {
        cacheKeyFn: (k) => `${k.event.id}|${k.occurrenceStart?.toISOString() ?? ''}`,
      }),
      rsvps: new DataLoader((keys) => this.events.rsvpsOf(keys), {
        cacheKeyFn: (k) => `${k.eventId}|${k.occurrenceStart?.toISOString() ?? ''}`,
      }),
      organisers: new DataLoader((ids) => this.events.organisersOfMany(ids)),
      access: new DataLoader((viewers) => Promise.all(viewers.map((v) => this.events.accessOf(v)))),
      occurrenceBudget: new OccurrenceBudget(),
      pageRead: { schedules: new Map(), changes: new Map() },
    };
  }
}
