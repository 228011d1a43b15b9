import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { NetworkService } from '@app/networks';
import { JointPositionEntity, PositionSectionEntity } from './drafting.entities';

/** What the drafting operation rows may look up about drafts (ids are checked to be UUIDs first). */
@Injectable()
export class DraftingPolicyFacts {
  constructor(
    @InjectRepository(JointPositionEntity) private readonly positions: Repository<JointPositionEntity>,
    @InjectRepository(PositionSectionEntity) private readonly sections: Repository<PositionSectionEntity>,
    private readonly networks: NetworkService,
  ) {}

  /** The draft's network (null when there is no such draft). */
  positionNetwork(positionId: string): Promise<string | null> {
    return this.networkOf(positionId);
  }

  /** The active member organisations (convenors included) of a network. */
  networkMembers(networkId: string): Promise<string[]> {
    return this.networks.activeMembersOf(networkId);
  }

  /** The active member organisations (convenors included) of the draft's network. */
  async positionMembers(positionId: string): Promise<string[]> {
    const networkId = await this.networkOf(positionId);
    return networkId ? this.networks.activeMembersOf(networkId) : [];
  }

  /** The active member organisations of the network of the section's draft. */
  async sectionMembers(sectionId: string): Promise<string[]> {
    const section = await this.sections.findOne({ select: { positionId: true }, where: { id: sectionId } });
    return section ? this.positionMembers(section.positionId) : [];
  }

  /** The active members of the network of a comment's draft. */
  async commentMembers(commentId: string): Promise<string[]> {
    const [row] = await this.positions.query<{ position_id: string }[]>(
      'SELECT position_id FROM position_comment WHERE id = $1',
      [commentId],
    );
    return row ? this.positionMembers(row.position_id) : [];
  }

  /** Who decides a tracked change: the section's lead organisation and the network's active convenors. */
  async suggestionDeciders(suggestionId: string): Promise<string[]> {
    const [row] = await this.positions.query<{ position_id: string; lead_organisation_id: string | null }[]>(
      `SELECT s.position_id, c.lead_organisation_id FROM position_suggestion s
         JOIN position_section c ON c.id = s.section_id WHERE s.id = $1`,
      [suggestionId],
    );
    if (!row) {
      return [];
    }
    const networkId = await this.networkOf(row.position_id);
    if (!networkId) {
      return [];
    }
    const convenors = await this.networks.convenorsOf(networkId);
    // A lead that is no longer an active member decides nothing.
    const lead = row.lead_organisation_id;
    return lead && (await this.networks.isActiveMember(lead, networkId))
      ? [...new Set([lead, ...convenors])]
      : convenors;
  }

  /** The active convenors of the draft's network. */
  async positionConvenors(positionId: string): Promise<string[]> {
    const networkId = await this.networkOf(positionId);
    return networkId ? this.networks.convenorsOf(networkId) : [];
  }

  private async networkOf(positionId: string): Promise<string | null> {
    const position = await this.positions.findOne({ select: { networkId: true }, where: { id: positionId } });
    return position?.networkId ?? null;
  }
}
