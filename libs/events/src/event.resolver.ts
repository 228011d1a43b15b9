import { Args, Info, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  type ActorRef,
  CallingActor,
  type Connection,
  fieldsAt,
  Loaders,
  type NoArgs,
  type RequestContext,
  RequestLoaders,
  ResolvedDirectly,
  selects,
  shareList,
} from '@app/common';
import { PoliceForceArea, PoliceForceAreaLoaderFactory } from '@app/geography';
import { LocalNetwork, NetworkLoaderFactory } from '@app/networks';
import { Organisation, OrganisationLoaderFactory } from '@app/organisations';
import { EventOccurrencesArgs, EventsArgs, OccurrencesArgs } from './dto/events.args';
import { IdArgs, OccurrenceArgs } from './dto/occurrence.args';
import type { EventEntity, EventOccurrenceChangeEntity } from './event.entities';
import { EventLoaderFactory, type EventLoaders } from './event.loader';
import { Event, EventAgendaItem, EventConnection, EventOccurrence, EventRsvp, RsvpTally } from './event.model';
import { EventService } from './event.service';
import { assertWindow, MAX_OCCURRENCES, MAX_WINDOW_DAYS, occurrencesOf } from './occurrences';

@Resolver(() => Event)
export class EventResolver {
  constructor(
    private readonly eventService: EventService,
    private readonly eventLoaders: EventLoaderFactory,
    private readonly networkLoaders: NetworkLoaderFactory,
    private readonly organisationLoaders: OrganisationLoaderFactory,
    private readonly areaLoaders: PoliceForceAreaLoaderFactory,
  ) {}

  @Query(() => EventConnection, {
    description: 'Events (a series counts once) in start order, a page at a time; only those you may see.',
  })
  async events(
    @Args() { filter, first, after }: EventsArgs,
    @CallingActor() viewer: ActorRef,
    @Loaders() loaders: RequestLoaders,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Event>> {
    const withChanges = selects(info, 'edges', 'node', 'occurrences');
    const only = this.eventService.pageColumns(fieldsAt(info, 'edges', 'node'));
    const { page, changes } = await this.eventService.list(viewer, filter, first, after, withChanges, only);
    // Nested fields read the event by id (occurrences its schedule): the page's rows are those rows,
    // read now. Rows of some columns only are no whole events: `byId` reads those itself.
    const batch = loaders.of(this.eventLoaders);
    for (const { node } of page.edges) {
      batch.scheduleById.prime(node.id, node);
      batch.pageRead.schedules.set(node.id, node);
      if (!only) {
        batch.byId.prime(node.id, node);
      }
    }
    for (const [eventId, list] of changes ?? []) {
      batch.changesByEventId.prime(eventId, list);
      batch.pageRead.changes.set(eventId, list);
    }
    return page;
  }

  @Query(() => Event, { description: 'One event; NOT_FOUND if there is none or you may not see it.' })
  event(@Args() { id }: IdArgs, @CallingActor() viewer: ActorRef): Promise<Event> {
    return this.eventService.getVisible(viewer, id);
  }

  @Query(() => [EventOccurrence], {
    description: `A calendar: every occurrence in a window (series expanded, moved and cancelled ones marked). The window is at most ${MAX_WINDOW_DAYS} days; a window holding more than ${MAX_OCCURRENCES} occurrences is refused (BAD_USER_INPUT on \`to\`): ask for shorter windows.`,
  })
  eventOccurrences(
    @Args() { from, to, filter }: OccurrencesArgs,
    @CallingActor() viewer: ActorRef,
  ): Promise<EventOccurrence[]> {
    return this.eventService.occurrencesIn(viewer, filter ?? {}, from, to);
  }

  @ResolveField(() => LocalNetwork, {
    nullable: true,
    description: 'The organising network, if a network organises it.',
  })
  network(event: Event, _args: NoArgs, { loaders }: RequestContext): Promise<LocalNetwork> | null {
    return event.networkId ? loaders.of(this.networkLoaders).byId.load(event.networkId) : null;
  }

  @ResolveField(() => Organisation, { nullable: true, description: 'The organising organisation, if not a network.' })
  organiserOrganisation(event: Event, _args: NoArgs, { loaders }: RequestContext): Promise<Organisation> | null {
    return event.organiserOrganisationId
      ? loaders.of(this.organisationLoaders).byId.load(event.organiserOrganisationId)
      : null;
  }

  @ResolveField(() => PoliceForceArea, { nullable: true, description: 'Null for a national event.' })
  policeForceArea(event: Event, _args: NoArgs, { loaders }: RequestContext): Promise<PoliceForceArea> | null {
    return event.policeForceAreaId ? loaders.of(this.areaLoaders).byId.load(event.policeForceAreaId) : null;
  }

  @ResolveField(() => [EventAgendaItem])
  agenda(event: Event, _args: NoArgs, { loaders }: RequestContext): Promise<EventAgendaItem[]> {
    return loaders.of(this.eventLoaders).agendaByEventId.load(event.id);
  }

  @ResolveField(() => [EventOccurrence], {
    description: `Its occurrences in a window of at most ${MAX_WINDOW_DAYS} days. One answer holds at most ${MAX_OCCURRENCES} occurrences across all events' lists; past that it is refused (BAD_USER_INPUT on \`to\`): ask for shorter windows or fewer events.`,
  })
  @ResolvedDirectly(EventOccurrencesArgs) // once per event of a page
  occurrences(
    event: Event,
    @Args() { from, to }: EventOccurrencesArgs,
    { loaders }: RequestContext,
    info: GraphQLResolveInfo,
  ): Iterable<EventOccurrence> | Promise<Iterable<EventOccurrence>> {
    assertWindow(from, to);
    const batch = loaders.of(this.eventLoaders);
    // A page's events: their rows are at hand, so no promise (and no turn) per event while the budget's turn lasts.
    const entity = batch.pageRead.schedules.get(event.id);
    const changes = batch.pageRead.changes.get(event.id);
    if (entity && changes && batch.occurrenceBudget.inTurn) {
      return listed(batch, entity, changes, from, to, info);
    }
    return (async () => {
      const [loaded, loadedChanges] = await Promise.all([
        batch.scheduleById.load(event.id),
        batch.changesByEventId.load(event.id),
      ]);
      await batch.occurrenceBudget.turn(); // a page of series: a turn of the event loop every OCCURRENCES_PER_TURN
      return listed(batch, loaded, loadedChanges, from, to, info);
    })();
  }

  @ResolveField(() => RsvpTally, { description: 'Answers so far (for a series: give the occurrence).' })
  tally(
    @Parent() event: Event,
    @Args() { occurrenceStart }: OccurrenceArgs,
    @Loaders() loaders: RequestLoaders,
  ): Promise<RsvpTally> {
    return loaders.of(this.eventLoaders).tally.load({ event, occurrenceStart: occurrenceStart ?? null });
  }

  @ResolveField(() => [EventRsvp], {
    description:
      "Answers, places first then the waitlist in order. Organisers see all; others only their organisations'.",
  })
  async rsvps(
    @Parent() event: Event,
    @Args() { occurrenceStart }: OccurrenceArgs,
    @CallingActor() viewer: ActorRef,
    @Loaders() loaders: RequestLoaders,
  ): Promise<EventRsvp[]> {
    const batch = loaders.of(this.eventLoaders);
    const [access, organisers, all] = await Promise.all([
      batch.access.load(viewer),
      batch.organisers.load(event.id),
      batch.rsvps.load({ eventId: event.id, occurrenceStart: occurrenceStart ?? null }),
    ]);
    return access.canOrganise(organisers) ? all : all.filter((r) => access.organisationIds.includes(r.organisationId));
  }
}

@Resolver(() => EventOccurrence)
export class EventOccurrenceResolver {
  constructor(private readonly eventLoaders: EventLoaderFactory) {}

  @ResolveField(() => Event, { description: 'The event (or series) it is an occurrence of.' })
  event(occurrence: EventOccurrence, _args: NoArgs, { loaders }: RequestContext): Promise<Event> {
    return loaders.of(this.eventLoaders).byId.load(occurrence.eventId);
  }
}

@Resolver(() => EventRsvp)
export class EventRsvpResolver {
  constructor(private readonly organisationLoaders: OrganisationLoaderFactory) {}

  @ResolveField(() => Organisation, { description: 'The organisation the person answered for.' })
  organisation(rsvp: EventRsvp, _args: NoArgs, { loaders }: RequestContext): Promise<Organisation> {
    return loaders.of(this.organisationLoaders).byId.load(rsvp.organisationId);
  }
}

/** An event's occurrences in the window, within what the answer may still list. */
function listed(
  batch: EventLoaders,
  event: EventEntity,
  changes: readonly EventOccurrenceChangeEntity[],
  from: Date,
  to: Date,
  info: GraphQLResolveInfo,
): Iterable<EventOccurrence> {
  const list = occurrencesOf(event, changes, from, to, batch.occurrenceBudget.probe);
  batch.occurrenceBudget.take(list.length);
  return shareList(list, info); // an unchanged series' list is the same for every request (frozen)
}
