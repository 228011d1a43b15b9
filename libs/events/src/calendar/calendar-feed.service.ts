import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type SelectQueryBuilder } from 'typeorm';
import { DomainError } from '@app/common';
import { PoliceForceAreaService } from '@app/geography';
import { hashSecretToken, PersonService } from '@app/identity';
import { NetworkService } from '@app/networks';
import { OrganisationService } from '@app/organisations';
import { CalendarFeedEntity, EventEntity } from '../event.entities';
import { EventVisibility } from '../event.enums';
import { EventService } from '../event.service';
import { icalendarOf } from './icalendar';

/** Feeds keep a quarter of history, and at most this many events (series count once). */
const HISTORY_DAYS = 90;
const MAX_EVENTS = 2_000;
/** iCalendar feeds: public ones per network and per area, and a private one per person (kept by `CalendarFeedFlowsService`). */
@Injectable()
export class CalendarFeedService {
  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(CalendarFeedEntity) private readonly feeds: Repository<CalendarFeedEntity>,
    private readonly eventService: EventService,
    private readonly networks: NetworkService,
    private readonly organisations: OrganisationService,
    private readonly areas: PoliceForceAreaService,
    private readonly people: PersonService,
  ) {}

  /** A network's public events; NOT_FOUND for no such network. */
  async networkCalendar(networkId: string): Promise<string> {
    const network = await this.networks.getById(networkId);
    const query = this.recent().andWhere('e.network_id = :networkId', { networkId: network.id });
    return this.render(`${network.name} (Convene)`, this.publicOnly(query));
  }

  /** Every public event in a police force area; NOT_FOUND for no such area. */
  async areaCalendar(code: string): Promise<string> {
    const area = await this.areas.getByCode(code);
    const query = this.recent().andWhere('e.police_force_area_id = :areaId', { areaId: area.id });
    return this.render(`${area.name}: events (Convene)`, this.publicOnly(query));
  }

  /**
   * A person's calendar, by the secret in its URL: their networks' events (members-only ones
   * too), their organisations' events, and events they said they may go to. NOT_FOUND once revoked.
   */
  async personCalendar(token: string): Promise<string> {
    const feed = await this.feeds.findOneBy({ tokenHash: hashSecretToken(token) });
    if (!feed || feed.revokedAt) {
      throw DomainError.notFound('Calendar feed', 'this link');
    }
    const person = await this.people.getById(feed.personId);
    const affiliations = await this.people.findAffiliations([person.id]);
    const organisationIds = affiliations.map((a) => a.organisationId);
    const access = await this.eventService.accessOf({ kind: 'PERSON', personId: person.id, affiliations });
    const query = this.recent().andWhere(
      `(e.network_id = ANY(:networkIds::uuid[])
        OR e.organiser_organisation_id = ANY(:organisationIds::uuid[])
        OR (e.visibility = :public AND EXISTS (
              SELECT 1 FROM event_rsvp r WHERE r.event_id = e.id AND r.person_id = :personId AND r.answer <> 'DECLINED')))`,
      { networkIds: [...access.networkIds], organisationIds, personId: person.id, public: EventVisibility.PUBLIC },
    );
    return this.render(`${person.displayName}: events (Convene)`, query);
  }

  list(personId: string): Promise<CalendarFeedEntity[]> {
    return this.feeds.find({ where: { personId }, order: { createdAt: 'ASC' } });
  }

  /** Events still to come, running, or recent; a series whatever its first start. */
  private recent(): SelectQueryBuilder<EventEntity> {
    return this.events
      .createQueryBuilder('e')
      .where(`(e.recurrence_rule IS NOT NULL OR e.ends_at > now() - make_interval(days => :days))`, {
        days: HISTORY_DAYS,
      });
  }

  private publicOnly(query: SelectQueryBuilder<EventEntity>): SelectQueryBuilder<EventEntity> {
    return query.andWhere('e.visibility = :public', { public: EventVisibility.PUBLIC });
  }

  private async render(name: string, query: SelectQueryBuilder<EventEntity>): Promise<string> {
    const events = await query.orderBy('e.starts_at').addOrderBy('e.id').limit(MAX_EVENTS).getMany();
    const [changes, organisers] = await Promise.all([
      this.eventService.changesOf(events.map((e) => e.id)),
      this.organisersOf(events),
    ]);
    return icalendarOf(name, events, changes, organisers);
  }

  /** Each event's organiser by name (its network, or the organising organisation), by event id. */
  private async organisersOf(events: readonly EventEntity[]): Promise<Map<string, string>> {
    const ids = (pick: (e: EventEntity) => string | null) => [...new Set(events.flatMap((e) => pick(e) ?? []))];
    const [networks, organisations] = await Promise.all([
      this.networks.findByIds(ids((e) => e.networkId)),
      this.organisations.findByIds(ids((e) => e.organiserOrganisationId)),
    ]);
    const names = new Map([...networks, ...organisations].map((o) => [o.id, o.name]));
    return new Map(
      events.flatMap((e) => {
        const name = names.get(e.networkId ?? e.organiserOrganisationId ?? '');
        return name ? [[e.id, name] as const] : [];
      }),
    );
  }
}
