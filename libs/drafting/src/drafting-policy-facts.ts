import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { MembershipRole, MembershipStatus, NetworkService } from '@app/networks';
import { JointPositionEntity, PositionSectionEntity } from './drafting.entities';

/** What the operation policy may look up about drafts (ids are checked to be UUIDs first). */
@Injectable()
export class DraftingPolicyFacts {
  constructor(
    @InjectRepository(JointPositionEntity) private readonly positions: Repository<JointPositionEntity>,
    @InjectRepository(PositionSectionEntity) private readonly sections: Repository<PositionSectionEntity>,
    private readonly networks: NetworkService,
  ) {}

  /** The active member organisations (convenors included) of the draft's network. */
  async positionMembers(positionId: string): Promise<string[]> {
    return this.members(await this.networkOf(positionId), false);
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
    const members = await this.members(await this.networkOf(row.position_id), false);
    const convenors = await this.positionConvenors(row.position_id);
    // A lead that is no longer an active member decides nothing.
    const lead =
      row.lead_organisation_id && members.includes(row.lead_organisation_id) ? [row.lead_organisation_id] : [];
    return [...new Set([...lead, ...convenors])];
  }

  /** The active convenors of the draft's network. */
  async positionConvenors(positionId: string): Promise<string[]> {
    return this.members(await this.networkOf(positionId), true);
  }

  private async networkOf(positionId: string): Promise<string | null> {
    const position = await this.positions.findOne({ select: { networkId: true }, where: { id: positionId } });
    return position?.networkId ?? null;
  }

  private async members(networkId: string | null, convenorsOnly: boolean): Promise<string[]> {
    if (!networkId) {
      return [];
    }
    const memberships = await this.networks.findMembershipsOfNetworks([networkId], [MembershipStatus.ACTIVE]);
    return memberships.filter((m) => !convenorsOnly || m.role === MembershipRole.CONVENOR).map((m) => m.organisationId);
  }
}
