import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DraftingPolicyFacts } from '@app/drafting';
import { EventService } from '@app/events';
import { NetworkService } from '@app/networks';

/** What the influencing operation rows may look up (ids are checked to be UUIDs first). */
@Injectable()
export class InfluencingPolicyFacts {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly networks: NetworkService,
    private readonly events: EventService,
    private readonly drafting: DraftingPolicyFacts,
  ) {}

  /** The active member organisations (convenors included) of a network. */
  networkMembers(networkId: string): Promise<string[]> {
    return this.networks.activeMembersOf(networkId);
  }

  /** The organisations whose people organise the event (empty when there is none). */
  eventOrganisers(eventId: string): Promise<string[]> {
    return this.events.organisersOf(eventId);
  }

  /** The draft's active member organisations (empty when there is no such draft). */
  positionMembers(positionId: string): Promise<string[]> {
    return this.drafting.positionMembers(positionId);
  }

  /** The engagement's network (null when there is no such engagement). */
  engagementNetwork(engagementId: string): Promise<string | null> {
    return this.networkOf('SELECT network_id FROM engagement WHERE id = $1', engagementId);
  }

  /** The active member organisations of the engagement's network. */
  async engagementMembers(engagementId: string): Promise<string[]> {
    const networkId = await this.engagementNetwork(engagementId);
    return networkId ? this.networks.activeMembersOf(networkId) : [];
  }

  /** The active convenors of the engagement's network (who correct the record). */
  async engagementConvenors(engagementId: string): Promise<string[]> {
    const networkId = await this.engagementNetwork(engagementId);
    return networkId ? this.networks.convenorsOf(networkId) : [];
  }

  /** The active member organisations of the network of the commitment's engagement. */
  async commitmentMembers(commitmentId: string): Promise<string[]> {
    const networkId = await this.networkOf(
      'SELECT g.network_id FROM commitment c JOIN engagement g ON g.id = c.engagement_id WHERE c.id = $1',
      commitmentId,
    );
    return networkId ? this.networks.activeMembersOf(networkId) : [];
  }

  private async networkOf(sql: string, id: string): Promise<string | null> {
    const [row] = await this.db.query<{ network_id: string }[]>(sql, [id]);
    return row?.network_id ?? null;
  }
}
