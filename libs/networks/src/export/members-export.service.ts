import { Injectable } from '@nestjs/common';
import type { ActorRef } from '@app/common';
import { OrganisationService } from '@app/organisations';
import { MembershipRole, MembershipStatus } from '../network.enums';
import { NetworkService } from '../network.service';

export interface MemberRow {
  readonly organisation: string;
  readonly organisationId: string;
  readonly kind: string;
  readonly role: MembershipRole;
  readonly status: MembershipStatus;
  readonly memberSince: string;
}

/** What a network's member list shows a viewer, by the rules of the `convenors` and `members` fields. */
@Injectable()
export class MembersExportService {
  constructor(
    private readonly networks: NetworkService,
    private readonly organisations: OrganisationService,
  ) {}

  /** Active memberships, convenors first; NOT_FOUND for no such network. */
  async membersOf(viewer: ActorRef, networkId: string): Promise<MemberRow[]> {
    const network = await this.networks.getById(networkId);
    // As MembershipVisibility: the whole list where it is public, to admins and from inside the network.
    const inside =
      network.membersPublic ||
      viewer.platformAdmin === true ||
      (await this.networks.memberNetworksOf(viewer)).has(network.id);
    const memberships = (await this.networks.findMembershipsOfNetworks([network.id], [MembershipStatus.ACTIVE])).filter(
      (m) => inside || m.role === MembershipRole.CONVENOR,
    );
    const organisations = new Map(
      (await this.organisations.findByIds(memberships.map((m) => m.organisationId))).map((o) => [o.id, o]),
    );
    return memberships.map((m) => ({
      organisation: organisations.get(m.organisationId)?.name ?? '',
      organisationId: m.organisationId,
      kind: organisations.get(m.organisationId)?.kind ?? '',
      role: m.role,
      status: m.status,
      memberSince: (m.joinedAt ?? m.createdAt).toISOString().slice(0, 10),
    }));
  }
}
