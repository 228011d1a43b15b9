import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { PlainRows, type TextLookup } from '@app/database';
import { NetworkAudienceRegistry, type NetworkAudience } from '@app/activity';
import {
  type ActorRef,
  type Connection,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  hasUuid,
  DomainError,
  toConnection,
} from '@app/common';
import { PoliceForceAreaService } from '@app/geography';
import { OrganisationService } from '@app/organisations';
import type { NetworkFilter } from './dto/networks.args';
import {
  LocalNetworkEntity,
  NetworkMembershipChangeEntity,
  NetworkMembershipEntity,
  NetworkStatusChangeEntity,
} from './network.entities';
import { LIVE_MEMBERSHIP, MembershipRole, MembershipStatus, type NetworkStatus } from './network.enums';

/** Membership fields resolved from the ids every read has (`network`, `organisation`, `history`), and `__typename`. */
const MEMBERSHIP_FIELDS_OF_IDS: ReadonlySet<string> = new Set(['network', 'organisation', 'history', '__typename']);
/** What every reader of a network's memberships uses: ids, role and status. */
const ALWAYS_READ: ReadonlySet<string> = new Set(['id', 'networkId', 'organisationId', 'role', 'status']);
/**
 * The sets of properties `membershipColumns` reads, smallest first, each holding the one before:
 * `widestMembershipColumns` takes the larger of two as holding the other.
 */
const MEMBERSHIP_COLUMN_SETS: readonly ReadonlySet<string>[] = [ALWAYS_READ, new Set([...ALWAYS_READ, 'joinedAt'])];
/** Organisation lookups whose statements are kept (one per set of their fields a query asks for). */
const MAX_LOOKUPS = 1_000;

export interface NetworkPage {
  readonly first?: number;
  readonly after?: string;
}

/** Reading networks and memberships; also tells the activity feed who may see NETWORK items. */
@Injectable()
export class NetworkService implements NetworkAudience, OnModuleInit {
  private readonly membershipRows = new Map<string, string>();
  private plainMemberships?: PlainRows<NetworkMembershipEntity>;
  private plainNetworks?: PlainRows<LocalNetworkEntity>;

  constructor(
    @InjectRepository(LocalNetworkEntity) private readonly networks: Repository<LocalNetworkEntity>,
    @InjectRepository(NetworkMembershipEntity) private readonly memberships: Repository<NetworkMembershipEntity>,
    @InjectRepository(NetworkMembershipChangeEntity)
    private readonly membershipChanges: Repository<NetworkMembershipChangeEntity>,
    @InjectRepository(NetworkStatusChangeEntity) private readonly statusChanges: Repository<NetworkStatusChangeEntity>,
    private readonly areas: PoliceForceAreaService,
    private readonly audience: NetworkAudienceRegistry,
    private readonly organisations: OrganisationService,
  ) {}

  onModuleInit(): void {
    this.audience.use(this);
  }

  /** A page in name order (keyset pagination). */
  async list(filter: NetworkFilter = {}, page: NetworkPage = {}): Promise<Connection<LocalNetworkEntity>> {
    const limit = page.first ?? DEFAULT_PAGE_SIZE;
    const query = this.networks.createQueryBuilder('network');
    if (filter.policeForceAreaCode) {
      const area = await this.areas.getByCode(filter.policeForceAreaCode).catch(() => null);
      query.andWhere('network.police_force_area_id = :areaId', { areaId: area?.id ?? null });
    }
    if (filter.status) {
      query.andWhere('network.status = :status', { status: filter.status });
    }
    for (const [key, organisationId, roles] of [
      ['convenor', filter.convenorOrganisationId, [MembershipRole.CONVENOR]],
      ['member', filter.memberOrganisationId, Object.values(MembershipRole)],
    ] as const) {
      if (organisationId) {
        query.andWhere(
          `EXISTS (SELECT 1 FROM network_membership m WHERE m.network_id = network.id
             AND m.organisation_id = :${key} AND m.status = 'ACTIVE' AND m.role = ANY(:${key}Roles))`,
          { [key]: organisationId, [`${key}Roles`]: roles },
        );
      }
    }
    const totalCount = await query.clone().getCount();
    if (page.after) {
      const { key, id } = decodeCursor(page.after, 'after', hasUuid);
      query.andWhere('(network.name, network.id) > (:key, :id)', { key, id });
    }
    const rows = await query
      .orderBy('network.name', 'ASC')
      .addOrderBy('network.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, (n) => ({ key: n.name, id: n.id }));
  }

  /** As a plain row: the first read of every network page. */
  async getById(id: string): Promise<LocalNetworkEntity> {
    const [network] = await this.plainNetworkRows().where('t.id = $1', [id]);
    if (!network) {
      throw DomainError.notFound('Network', id);
    }
    return network;
  }

  /** As `getById`, with its police force area (`policeForceArea`) read in the same statement. */
  async getByIdWithArea(id: string): Promise<LocalNetworkEntity> {
    const plain = this.plainNetworkRows();
    const [found] = await this.areas.withPoliceForceAreas(
      `SELECT ${plain.selectList('t')} FROM local_network t WHERE t.id = $1`,
      [id],
      'r.id',
    );
    if (!found) {
      throw DomainError.notFound('Network', id);
    }
    const network = plain.pick(found.row);
    if (found.entity) {
      network.policeForceArea = found.entity;
    }
    return network;
  }

  /**
   * As `getById` (with `withArea`, `getByIdWithArea`), with its memberships in `statuses` as
   * `findMembershipsOfNetworks` (`findMembershipsOfNetworksWithOrganisations` with `organisations`)
   * reads them, in the same statement: the members travel as one JSON value (PlainRows.textTuple),
   * the hot read of a network's page.
   */
  async getByIdWithMemberships(
    id: string,
    read: {
      readonly withArea: boolean;
      readonly statuses: readonly MembershipStatus[];
      /** Only these properties of the memberships: see `findMembershipsOfNetworks`. */
      readonly only?: ReadonlySet<string>;
      /** With their organisations: these fields of them (see OrganisationService.organisationsAsText), or all. */
      readonly organisations?: { readonly fields?: ReadonlySet<string> };
    },
  ): Promise<{ network: LocalNetworkEntity; memberships: NetworkMembershipEntity[] }> {
    const plain = this.plainNetworkRows();
    const organisation = read.organisations
      ? this.organisations.organisationsAsText('m.organisation_id', 'o', read.organisations.fields)
      : null;
    // The network's own id is not sent on every member's row: each is the network's.
    const memberships = this.plainMembershipRows();
    const nested = memberships.without(read.only, 'networkId');
    // One status (a page's active members) as a value, not `= ANY($2)`: PostgreSQL's generic plan for
    // an array of unknown length never looked cheaper than a custom one, so it planned the statement
    // anew on every read (0.24 ms of its CPU, a third of the read's, on the large bench set).
    const one = read.statuses.length === 1;
    const text = this.networkWithMembershipsText(nested, organisation, one);
    const parameters = [id, one ? read.statuses[0] : read.statuses];
    let row: Record<string, unknown> | undefined;
    let area: LocalNetworkEntity['policeForceArea'] | null = null;
    if (read.withArea) {
      const [found] = await this.areas.withPoliceForceAreas(text, parameters, 'r.id');
      row = found?.row;
      area = found?.entity ?? null;
    } else {
      [row] = await plain.query<Record<string, unknown>>(text, parameters);
    }
    if (!row) {
      throw DomainError.notFound('Network', id);
    }
    const network = plain.pick(row);
    if (area) {
      network.policeForceArea = area;
    }
    const tuples = row['memberships?'] as unknown[][];
    const organisationAt = memberships.width(nested);
    return {
      network,
      memberships: tuples.map((tuple) => {
        const membership = memberships.fromTexts(tuple, 0, nested);
        membership.networkId = network.id;
        const found = organisation?.read(tuple, organisationAt, membership.organisationId);
        if (found) {
          membership.organisation = found;
        }
        return membership;
      }),
    };
  }

  /** `getByIdWithMemberships`' statement, one per set of properties, organisation lookup and one status or several (a few), kept. */
  private networkWithMembershipsText(
    only: ReadonlySet<string> | undefined,
    organisation: TextLookup<unknown> | null,
    oneStatus: boolean,
  ): string {
    let byColumns = this.networkWithMembershipsTexts.get(organisation);
    if (byColumns === undefined) {
      byColumns = new Map();
      if (this.networkWithMembershipsTexts.size < MAX_LOOKUPS) {
        this.networkWithMembershipsTexts.set(organisation, byColumns);
      }
    }
    let texts = byColumns.get(only);
    if (texts === undefined) {
      texts = [undefined, undefined];
      byColumns.set(only, texts); // three sets (see membershipColumns)
    }
    const at = oneStatus ? 0 : 1;
    let text = texts[at];
    if (text === undefined) {
      const network = this.plainNetworkRows();
      const elements = this.plainMembershipRows().textTuple('m', only);
      text = `SELECT ${network.selectList('t')},
          array_to_json(ARRAY(
            SELECT ARRAY[${organisation ? `${elements}, ${organisation.elements}` : elements}]
              FROM network_membership m ${organisation?.join ?? ''}
             WHERE m.network_id = t.id AND m.status = ${oneStatus ? '$2' : 'ANY($2)'}
             ORDER BY m.role = 'CONVENOR' DESC, m.created_at, m.id)) AS "memberships?"
        FROM local_network t WHERE t.id = $1`;
      texts[at] = text;
    }
    return text;
  }

  /** By organisation lookup (each made once per set of fields: see PlainRows.textLookup), then set of properties. */
  private readonly networkWithMembershipsTexts = new Map<
    TextLookup<unknown> | null,
    Map<ReadonlySet<string> | undefined, [oneStatus: string | undefined, anyStatus: string | undefined]>
  >();

  findByIds(ids: readonly string[]): Promise<LocalNetworkEntity[]> {
    return this.networks.createQueryBuilder('n').where('n.id = ANY(:ids)', { ids }).getMany();
  }

  findByAreaIds(areaIds: readonly string[]): Promise<LocalNetworkEntity[]> {
    return this.networks
      .createQueryBuilder('n')
      .where('n.police_force_area_id = ANY(:areaIds)', { areaIds })
      .orderBy('n.name')
      .getMany();
  }

  findMembershipsByIds(ids: readonly string[]): Promise<NetworkMembershipEntity[]> {
    return this.memberships.createQueryBuilder('m').where('m.id = ANY(:ids)', { ids }).getMany();
  }

  /**
   * Memberships of these networks in these statuses, convenors first, then oldest first. With
   * `only`, just those properties of them (and their key): a partial entity, for a list whose
   * query asks for a few fields (see `membershipColumns`).
   */
  findMembershipsOfNetworks(
    networkIds: readonly string[],
    statuses: readonly MembershipStatus[],
    only?: ReadonlySet<string>,
  ): Promise<NetworkMembershipEntity[]> {
    // Plain rows: a network's members are the hot read of the network queries.
    return this.plainMembershipRows().where(
      't.network_id = ANY($1) AND t.status = ANY($2)',
      [networkIds, statuses],
      `t.role = 'CONVENOR' DESC, t.created_at, t.id`,
      only,
    );
  }

  /**
   * Of the fields a query asks of memberships, the properties to read: what every reader of a
   * network's memberships uses (ids, role, status) where it asks for nothing more, with the date
   * joined (a list of members shows it) where that is all it adds, else all of them (undefined).
   * Three sets, not one per subset of the timestamps: each set is a statement text of its own,
   * prepared on every connection, and the organisations' fields already multiply them. The
   * timestamps not asked for are most of a long list's text (PostgreSQL writes each, Node parses it).
   */
  membershipColumns(fields: ReadonlySet<string>): ReadonlySet<string> | undefined {
    return MEMBERSHIP_COLUMN_SETS.find((set) =>
      [...fields].every((field) => MEMBERSHIP_FIELDS_OF_IDS.has(field) || set.has(field)),
    );
  }

  /** Of sets `membershipColumns` gave (undefined: all), one that holds them all: they nest. */
  widestMembershipColumns(sets: readonly (ReadonlySet<string> | undefined)[]): ReadonlySet<string> | undefined {
    let widest: ReadonlySet<string> | undefined = ALWAYS_READ;
    for (const set of sets) {
      if (set === undefined) {
        return undefined;
      }
      widest = set.size > widest.size ? set : widest;
    }
    return widest;
  }

  /** The sets `membershipColumns` gives (and all, undefined) that a read of `columns` (undefined: all) holds. */
  membershipColumnsWithin(columns: ReadonlySet<string> | undefined): readonly (ReadonlySet<string> | undefined)[] {
    return columns === undefined
      ? [undefined, ...MEMBERSHIP_COLUMN_SETS]
      : MEMBERSHIP_COLUMN_SETS.filter((set) => [...set].every((property) => columns.has(property)));
  }

  private plainNetworkRows(): PlainRows<LocalNetworkEntity> {
    return (this.plainNetworks ??= new PlainRows(this.networks));
  }

  private plainMembershipRows(): PlainRows<NetworkMembershipEntity> {
    this.plainMemberships ??= new PlainRows(this.memberships);
    return this.plainMemberships;
  }

  /**
   * As `findMembershipsOfNetworks`, each with its organisation (`organisation`), read in the same
   * statement: for a list that shows its members' organisations.
   */
  async findMembershipsOfNetworksWithOrganisations(
    networkIds: readonly string[],
    statuses: readonly MembershipStatus[],
    /** The fields a query asks of the organisations (see OrganisationService.withOrganisations). */
    organisationFields?: ReadonlySet<string>,
    /** Only these properties of the memberships: see `findMembershipsOfNetworks`. */
    only?: ReadonlySet<string>,
  ): Promise<NetworkMembershipEntity[]> {
    const plain = this.plainMembershipRows();
    const rows = await this.organisations.withOrganisations(
      this.membershipRowsText(only),
      [networkIds, statuses],
      'r."order?"',
      organisationFields,
    );
    return rows.map(({ row, entity }) => {
      const membership = plain.pick(row, '', only);
      if (entity) {
        membership.organisation = entity;
      }
      return membership;
    });
  }

  /**
   * The memberships' statement for `withOrganisations`, one text per set of properties, kept (the
   * same string each time is hashed once where it is looked up). Their order travels as a number,
   * so the order's columns need not be among those read.
   */
  private membershipRowsText(only: ReadonlySet<string> | undefined): string {
    const key = only ? `=${[...only].sort().join(',')}` : '*';
    let text = this.membershipRows.get(key);
    if (text === undefined) {
      text = `SELECT ${this.plainMembershipRows().selectList('t', '', only)},
          row_number() OVER (ORDER BY t.role = 'CONVENOR' DESC, t.created_at, t.id)::int AS "order?"
        FROM network_membership t WHERE t.network_id = ANY($1) AND t.status = ANY($2)`;
      this.membershipRows.set(key, text); // three: see membershipColumns
    }
    return text;
  }

  /** Every membership (history included) of these organisations, newest first. */
  findMembershipsOfOrganisations(organisationIds: readonly string[]): Promise<NetworkMembershipEntity[]> {
    return this.memberships
      .createQueryBuilder('m')
      .where('m.organisation_id = ANY(:organisationIds)', { organisationIds })
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id')
      .getMany();
  }

  findMembershipChanges(membershipIds: readonly string[]): Promise<NetworkMembershipChangeEntity[]> {
    return this.membershipChanges
      .createQueryBuilder('c')
      .where('c.membership_id = ANY(:membershipIds)', { membershipIds })
      .orderBy('c.id')
      .getMany();
  }

  findStatusChanges(networkIds: readonly string[]): Promise<NetworkStatusChangeEntity[]> {
    return this.statusChanges
      .createQueryBuilder('c')
      .where('c.network_id = ANY(:networkIds)', { networkIds })
      .orderBy('c.id')
      .getMany();
  }

  /** Networks where one of these organisations is an active member, in any role. */
  async networkIdsOf(organisationIds: readonly string[]): Promise<string[]> {
    if (organisationIds.length === 0) {
      return [];
    }
    const rows: { network_id: string }[] = await this.memberships.query(
      `SELECT DISTINCT network_id FROM network_membership WHERE organisation_id = ANY($1) AND status = 'ACTIVE'`,
      [organisationIds],
    );
    return rows.map((r) => r.network_id);
  }

  /** The networks the viewer's organisations actively belong to, for members-only rules. */
  async memberNetworksOf(viewer: ActorRef): Promise<Set<string>> {
    return new Set(await this.networkIdsOf((viewer.affiliations ?? []).map((a) => a.organisationId)));
  }

  /** Whether an organisation is an active member of a network, in any role. */
  async isActiveMember(organisationId: string, networkId: string): Promise<boolean> {
    return (await this.networkIdsOf([organisationId])).includes(networkId);
  }

  /** An organisation's role in a network while its membership is active; null when it is not an active member. */
  async activeRoleOf(organisationId: string, networkId: string): Promise<MembershipRole | null> {
    const row = await this.memberships.findOne({
      select: { role: true },
      where: { organisationId, networkId, status: MembershipStatus.ACTIVE },
    });
    return row?.role ?? null;
  }

  /** The active member organisations of a network, convenors included (empty for an unknown network). */
  async activeMembersOf(networkId: string): Promise<string[]> {
    const rows = await this.memberships.find({
      select: { organisationId: true },
      where: { networkId, status: MembershipStatus.ACTIVE },
    });
    return rows.map((r) => r.organisationId);
  }

  /** The organisations actively convening a network (empty for an unknown network). */
  async convenorsOf(networkId: string): Promise<string[]> {
    const rows = await this.memberships.find({
      select: { organisationId: true },
      where: { networkId, role: MembershipRole.CONVENOR, status: MembershipStatus.ACTIVE },
    });
    return rows.map((r) => r.organisationId);
  }

  /** The network's status as the caller's transaction sees it (null for an unknown network). */
  async statusIn(tx: EntityManager, networkId: string): Promise<NetworkStatus | null> {
    return (await tx.findOneBy(LocalNetworkEntity, { id: networkId }))?.status ?? null;
  }

  /** The code of the network's police force area (null for an unknown network). */
  async areaCodeOf(networkId: string): Promise<string | null> {
    const row = await this.networks
      .createQueryBuilder('n')
      .innerJoin('n.policeForceArea', 'a')
      .select('a.code', 'code')
      .where('n.id = :networkId', { networkId })
      .getRawOne<{ code: string }>();
    return row?.code ?? null;
  }

  /** A membership's organisation and its network's active convenors, for the operation policy. */
  async membershipFacts(
    membershipId: string,
  ): Promise<{ organisationId: string; convenorOrganisationIds: string[] } | null> {
    const membership = await this.memberships.findOneBy({ id: membershipId });
    if (!membership) {
      return null;
    }
    return {
      organisationId: membership.organisationId,
      convenorOrganisationIds: await this.convenorsOf(membership.networkId),
    };
  }
}

export const isLive = (status: MembershipStatus): boolean => (LIVE_MEMBERSHIP as readonly string[]).includes(status);
