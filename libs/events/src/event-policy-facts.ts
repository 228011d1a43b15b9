import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { NetworkService } from '@app/networks';
import { EventService } from './event.service';
import { SchedulingPollEntity } from './polls/poll.entities';

/** What the events operation rows may look up about events and polls (ids are checked before). */
@Injectable()
export class EventPolicyFacts {
  constructor(
    private readonly events: EventService,
    private readonly networks: NetworkService,
    @InjectRepository(SchedulingPollEntity) private readonly polls: Repository<SchedulingPollEntity>,
  ) {}

  /** The organisations whose people organise the event (empty when there is none). */
  eventOrganisers(eventId: string): Promise<string[]> {
    return this.events.organisersOf(eventId);
  }

  /** Where an event belongs: its area (or its network's), network and organiser; null when there is none. */
  async eventPlace(
    eventId: string,
  ): Promise<{ policeForceAreaCode: string | null; networkId: string | null; organisationId: string | null } | null> {
    const event = await this.events.findPlace(eventId);
    if (!event) {
      return null;
    }
    return {
      policeForceAreaCode:
        event.policeForceAreaCode ?? (event.networkId ? await this.networks.areaCodeOf(event.networkId) : null),
      networkId: event.networkId,
      organisationId: event.organiserOrganisationId,
    };
  }

  /** The active convenor organisations of a network. */
  convenorsOf(networkId: string): Promise<string[]> {
    return this.networks.convenorsOf(networkId);
  }

  /** The active member organisations (convenors included) of a network. */
  async networkMembers(networkId: string): Promise<string[]> {
    return this.networks.activeMembersOf(networkId);
  }

  /** The active member organisations of the poll's network (empty when there is none). */
  async pollNetworkMembers(pollId: string): Promise<string[]> {
    const poll = await this.polls.findOne({ select: { networkId: true }, where: { id: pollId } });
    return poll ? this.networkMembers(poll.networkId) : [];
  }

  /** The active convenors of the poll's network (empty when there is none). */
  async pollConvenors(pollId: string): Promise<string[]> {
    const poll = await this.polls.findOne({ select: { networkId: true }, where: { id: pollId } });
    return poll ? this.networks.convenorsOf(poll.networkId) : [];
  }
}
