import type { ActorRef } from '@app/common';
import type { LocalNetworkEntity, NetworkMembershipEntity } from './network.entities';
import { MembershipRole, MembershipStatus } from './network.enums';
import type { NetworkLoaders } from './network.loader';

/**
 * Who may see which memberships. Convenors are always public; active members where the
 * network's member list is public; everything (pending, history) to people of the network's
 * active member organisations, of the organisation concerned, and platform admins.
 */
export class MembershipVisibility {
  private insideNetworks: Promise<ReadonlySet<string>> | null = null;

  constructor(
    private readonly viewer: ActorRef,
    private readonly loaders: NetworkLoaders,
  ) {}

  async canSee(membership: NetworkMembershipEntity, network: LocalNetworkEntity): Promise<boolean> {
    if (this.viewer.platformAdmin || this.organisationIds().includes(membership.organisationId)) {
      return true;
    }
    if (membership.status === MembershipStatus.ACTIVE) {
      if (membership.role === MembershipRole.CONVENOR || network.membersPublic) {
        return true;
      }
    }
    return (await this.networks()).has(network.id);
  }

  /** Whether the viewer's organisations are inside the network (or the viewer is an admin). */
  async isInside(networkId: string): Promise<boolean> {
    return this.viewer.platformAdmin === true || (await this.networks()).has(networkId);
  }

  private organisationIds(): string[] {
    return (this.viewer.affiliations ?? []).map((a) => a.organisationId);
  }

  private networks(): Promise<ReadonlySet<string>> {
    this.insideNetworks ??= this.loaders.networkIdsByOrganisations
      .load([...this.organisationIds()].sort().join(','))
      .then((ids) => new Set(ids));
    return this.insideNetworks;
  }
}
