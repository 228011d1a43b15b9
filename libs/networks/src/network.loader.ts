import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, keyedBy, type LoaderFactory } from '@app/common';
import type {
  LocalNetworkEntity,
  NetworkMembershipChangeEntity,
  NetworkMembershipEntity,
  NetworkStatusChangeEntity,
} from './network.entities';
import { MembershipStatus } from './network.enums';
import { NetworkService } from './network.service';

export interface NetworkLoaders {
  readonly byId: DataLoader<string, LocalNetworkEntity>;
  readonly byAreaId: DataLoader<string, LocalNetworkEntity[]>;
  /**
   * Every membership of a network, history included (filtered per field by status); each with its
   * `organisation`, read in the same statement, once `withOrganisations()` was called before the
   * batch ran.
   */
  readonly membershipsByNetworkId: DataLoader<string, NetworkMembershipEntity[]>;
  /**
   * The memberships read from now on come with their organisations (a field asked for them): with
   * `fields`, only those fields of them (with all asked for before); without, all of them. An
   * organisation attached without a field a later list asks for is read whole by that list's
   * `organisation` field (see MembershipResolver).
   */
  withOrganisations(fields?: ReadonlySet<string>): void;
  readonly membershipsByOrganisationId: DataLoader<string, NetworkMembershipEntity[]>;
  readonly historyByMembershipId: DataLoader<string, NetworkMembershipChangeEntity[]>;
  readonly statusHistoryByNetworkId: DataLoader<string, NetworkStatusChangeEntity[]>;
  /** Networks a set of organisations (a viewer's, as a sorted comma-joined key) actively belongs to. */
  readonly networkIdsByOrganisations: DataLoader<string, string[]>;
}

@Injectable()
export class NetworkLoaderFactory implements LoaderFactory<NetworkLoaders> {
  constructor(private readonly networks: NetworkService) {}

  createLoaders(): NetworkLoaders {
    let withOrganisations = false;
    /** The organisations' fields asked for so far (undefined: all of them). */
    let organisationFields: Set<string> | undefined = new Set();
    return {
      withOrganisations: (fields) => {
        withOrganisations = true;
        if (fields === undefined) {
          organisationFields = undefined;
        } else if (organisationFields) {
          organisationFields = new Set([...organisationFields, ...fields]);
        }
      },
      byId: new DataLoader(async (ids) => keyedBy(ids, await this.networks.findByIds(ids), (n) => n.id)),
      byAreaId: new DataLoader(async (ids) =>
        groupBy(ids, await this.networks.findByAreaIds(ids), (n) => n.policeForceAreaId),
      ),
      membershipsByNetworkId: new DataLoader(async (ids) =>
        groupBy(
          ids,
          await (withOrganisations
            ? this.networks.findMembershipsOfNetworksWithOrganisations(
                ids,
                Object.values(MembershipStatus),
                organisationFields,
              )
            : this.networks.findMembershipsOfNetworks(ids, Object.values(MembershipStatus))),
          (m) => m.networkId,
        ),
      ),
      membershipsByOrganisationId: new DataLoader(async (ids) =>
        groupBy(ids, await this.networks.findMembershipsOfOrganisations(ids), (m) => m.organisationId),
      ),
      historyByMembershipId: new DataLoader(async (ids) =>
        groupBy(ids, await this.networks.findMembershipChanges(ids), (c) => c.membershipId),
      ),
      statusHistoryByNetworkId: new DataLoader(async (ids) =>
        groupBy(ids, await this.networks.findStatusChanges(ids), (c) => c.networkId),
      ),
      networkIdsByOrganisations: new DataLoader((keys) =>
        Promise.all(keys.map((key) => this.networks.networkIdsOf(key ? key.split(',') : []))),
      ),
    };
  }
}
