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
   * A network's memberships, convenors first: at least those in `statuses` (all of them if not
   * given: filter by status where it matters) with at least the columns the asked `fields` of them
   * need (all of them if not given; ids, role and status always). Each with its `organisation`,
   * read in the same statement, once `withOrganisations()` was called before the batch ran. One
   * statement per batch, reading what its loads ask for together.
   */
  membershipsOf(
    networkId: string,
    need?: { readonly statuses?: readonly MembershipStatus[]; readonly fields?: ReadonlySet<string> },
  ): Promise<NetworkMembershipEntity[]>;
  /**
   * The memberships read from now on come with their organisations (a field asked for them): with
   * `fields`, only those fields of them (with all asked for before); without, all of them. An
   * organisation attached without a field a later list asks for is read whole by that list's
   * `organisation` field (see MembershipResolver).
   */
  withOrganisations(fields?: ReadonlySet<string>): void;
  /**
   * The network (NOT_FOUND if there is none) read with its memberships in one statement
   * (NetworkService.getByIdWithMemberships): what `membershipsOf` gives for them from then on, with
   * statuses `read.statuses` and fields their columns serve. Once per request for each id and read
   * (a query may ask for one network under many aliases).
   */
  networkWithMemberships(id: string, read: MembershipsAhead): Promise<LocalNetworkEntity>;
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
    const ahead = new Map<string, Promise<LocalNetworkEntity>>();
    const memberships = new DataLoader<MembershipsRead, NetworkMembershipEntity[], string>(
      async (reads) => {
        const networkIds = [...new Set(reads.map((r) => r.networkId))];
        const statuses = [...new Set(reads.flatMap((r) => r.statuses))];
        // One set of columns for the batch: the widest its loads ask (see NetworkService.membershipColumns).
        const columns = this.networks.widestMembershipColumns(reads.map((r) => r.columns));
        const found = await (withOrganisations
          ? this.networks.findMembershipsOfNetworksWithOrganisations(networkIds, statuses, organisationFields, columns)
          : this.networks.findMembershipsOfNetworks(networkIds, statuses, columns));
        return groupBy(
          reads.map((r) => r.networkId),
          found,
          (m) => m.networkId,
        );
      },
      { cacheKeyFn: keyOfRead },
    );
    return {
      withOrganisations: (fields) => {
        withOrganisations = true;
        if (fields === undefined) {
          organisationFields = undefined;
        } else if (organisationFields) {
          organisationFields = new Set([...organisationFields, ...fields]);
        }
      },
      networkWithMemberships: (id, read) => {
        const key = keyOfAhead(id, read);
        let network = ahead.get(key);
        if (network === undefined) {
          network = this.networks.getByIdWithMemberships(id, read).then((found) => {
            // Keyed as the loads that read them: by the network's own id (the asked one may differ in case).
            const primed = { networkId: found.network.id, statuses: read.statuses };
            for (const columns of this.networks.membershipColumnsWithin(read.only)) {
              memberships.prime({ ...primed, columns }, found.memberships);
            }
            return found.network;
          });
          ahead.set(key, network);
        }
        return network;
      },
      byId: new DataLoader(async (ids) => keyedBy(ids, await this.networks.findByIds(ids), (n) => n.id)),
      byAreaId: new DataLoader(async (ids) =>
        groupBy(ids, await this.networks.findByAreaIds(ids), (n) => n.policeForceAreaId),
      ),
      membershipsOf: (networkId, need = {}) => {
        const columns = need.fields ? this.networks.membershipColumns(need.fields) : undefined;
        const statuses = need.statuses ?? ALL_STATUSES;
        return memberships.load({ networkId, statuses, columns });
      },
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

/** One load of a network's memberships: what it needs read (columns undefined: all of them). */
interface MembershipsRead {
  readonly networkId: string;
  readonly statuses: readonly MembershipStatus[];
  readonly columns: ReadonlySet<string> | undefined;
}

const ALL_STATUSES: readonly MembershipStatus[] = Object.values(MembershipStatus);

/** A read of a network with its memberships: see `networkWithMemberships`. */
export type MembershipsAhead = Parameters<NetworkService['getByIdWithMemberships']>[1];

const keyOfAhead = (id: string, { withArea, statuses, only, organisations }: MembershipsAhead): string =>
  [
    id,
    withArea,
    [...statuses].sort().join(','),
    only ? [...only].sort().join(',') : '*',
    organisations ? (organisations.fields ? [...organisations.fields].sort().join(',') : '*') : '-',
  ].join('|');

/** A load's cache key: a later load needing other statuses or columns reads again. */
const keyOfRead = ({ networkId, statuses, columns }: MembershipsRead): string =>
  `${networkId}|${[...statuses].sort().join(',')}|${columns ? [...columns].sort().join(',') : '*'}`;
