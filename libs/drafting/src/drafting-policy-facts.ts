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
