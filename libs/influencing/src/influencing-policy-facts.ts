import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NetworkService } from '@app/networks';

/** What the operation policy may look up about engagements (ids are checked to be UUIDs first). */
@Injectable()
export class InfluencingPolicyFacts {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly networks: NetworkService,
  ) {}

  /** The engagement's network (null when there is no such engagement). */
  async engagementNetwork(engagementId: string): Promise<string | null> {
    const [row] = await this.db.query<{ network_id: string }[]>('SELECT network_id FROM engagement WHERE id = $1', [
      engagementId,
    ]);
    return row?.network_id ?? null;
  }

  /** The active member organisations of the engagement's network. */
  engagementMembers(engagementId: string): Promise<string[]> {
    return this.membersOf('SELECT network_id FROM engagement WHERE id = $1', engagementId);
  }

  /** The active convenors of the engagement's network (who correct the record). */
  async engagementConvenors(engagementId: string): Promise<string[]> {
    const [row] = await this.db.query<{ network_id: string }[]>('SELECT network_id FROM engagement WHERE id = $1', [
      engagementId,
    ]);
    return row ? this.networks.convenorsOf(row.network_id) : [];
  }

  /** The active member organisations of the network of the commitment's engagement. */
  commitmentMembers(commitmentId: string): Promise<string[]> {
    return this.membersOf(
      'SELECT g.network_id FROM commitment c JOIN engagement g ON g.id = c.engagement_id WHERE c.id = $1',
      commitmentId,
    );
  }

  private async membersOf(sql: string, id: string): Promise<string[]> {
    const [row] = await this.db.query<{ network_id: string }[]>(sql, [id]);
    return row ? this.networks.activeMembersOf(row.network_id) : [];
  }
}
