import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActivityRecorder, type Locked } from '@app/activity';
import { DomainError, ErrorCode, violatedConstraint } from '@app/common';
import { LocalAuthorityService, PoliceForceAreaService } from '@app/geography';
import {
  type OrganisationEntity,
  OrganisationKind,
  OrganisationService,
  OrganisationStatus,
  OrganisationRefusal,
} from '@app/organisations';
import { LocalNetworkEntity, NetworkMembershipChangeEntity, NetworkMembershipEntity } from './network.entities';
import { MembershipRole, MembershipStatus, NetworkStatus } from './network.enums';
import { NetworkService } from './network.service';
import { NetworkRefusal } from './networks.errors';

/** A network locked for the length of a change, with what activity items need to say about it. */
export interface LockedNetwork extends Locked<LocalNetworkEntity> {
  readonly areaCode: string;
}

const ENDED = [MembershipStatus.LEFT, MembershipStatus.REMOVED, MembershipStatus.DECLINED];

/** Database rules (see the Networks migration) as the errors a client sees if a race reaches them. */
const CONSTRAINT_ERRORS: Record<string, () => DomainError> = {
  network_membership_live_uq: () =>
    new DomainError(
      ErrorCode.CONFLICT,
      NetworkRefusal.ALREADY_A_MEMBER,
      'The organisation already has a live membership of this network',
    ),
  network_keeps_a_convenor: () =>
    new DomainError(
      ErrorCode.CONFLICT,
      NetworkRefusal.LAST_CONVENOR,
      'A network must keep at least one active convenor',
    ),
  network_convenor_is_cvs: () =>
    new DomainError(ErrorCode.FORBIDDEN, NetworkRefusal.NOT_A_CVS, 'Only a CVS can convene a network'),
  local_network_area_name_uq: () => sameName(),
};

/** Refuses a second open network of the same name (trimmed, whitespace collapsed, any case) in one area. */
export const sameName = (existing?: string): DomainError =>
  new DomainError(
    ErrorCode.CONFLICT,
    NetworkRefusal.NETWORK_NAME_TAKEN,
    `${existing ? `“${existing}”` : 'A network of that name'} is already open in this area: choose another name`,
    [{ field: 'input.name', message: 'is taken by another open network in the area' }],
  );

/** A network's name as the uniqueness rule compares it (the SQL of the `local_network_area_name_uq` index). */
export const NAME_KEY_SQL = (column: string): string => `lower(regexp_replace(btrim(${column}), '\\s+', ' ', 'g'))`;

/**
 * The network's lock and the checks convening and membership share. Every change locks the
 * network row first, so changes to one network's memberships are serialised (two convenors
 * acting at once see each other's result).
 */
@Injectable()
export class NetworkLock {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly networks: NetworkService,
    private readonly areas: PoliceForceAreaService,
    private readonly authorities: LocalAuthorityService,
    private readonly organisations: OrganisationService,
  ) {}

  /** Runs a change with the network row locked (FOR UPDATE) for the whole activity transaction. */
  on<T>(networkId: string, work: (locked: LockedNetwork) => Promise<T>): Promise<T> {
    return this.guarded(() =>
      this.activity.transactionOn({ entity: LocalNetworkEntity, id: networkId, name: 'Network' }, async (locked) => {
        const [area] = await this.areas.findByIds([locked.row.policeForceAreaId]);
        return work({ ...locked, areaCode: area?.code ?? '' });
      }),
    );
  }

  /** Runs a change on a membership, read again once its network is locked. */
  async onMembership<T>(
    membershipId: string,
    work: (locked: LockedNetwork, membership: NetworkMembershipEntity, organisation: OrganisationEntity) => Promise<T>,
  ): Promise<T> {
    const [found] = await this.networks.findMembershipsByIds([membershipId]);
    if (!found) {
      throw DomainError.notFound('Membership', membershipId);
    }
    const organisation = await this.organisations.getById(found.organisationId);
    return this.on(found.networkId, async (locked) =>
      work(locked, await locked.tx.findOneByOrFail(NetworkMembershipEntity, { id: membershipId }), organisation),
    );
  }

  async guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const mapped = CONSTRAINT_ERRORS[violatedConstraint(error) ?? ''];
      throw mapped ? mapped() : error;
    }
  }

  async liveOrganisation(id: string, field: string): Promise<OrganisationEntity> {
    const organisation = await this.organisations.getById(id).catch(() => {
      throw DomainError.unknown(field, 'is not an organisation');
    });
    if (organisation.status === OrganisationStatus.ARCHIVED) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        OrganisationRefusal.ORGANISATION_ARCHIVED,
        `${organisation.name} is archived`,
        [{ field, message: 'is archived' }],
      );
    }
    return organisation;
  }

  /** Only a verified CVS serving at least one local authority of the network's area may convene it. */
  async assertCanConvene(
    organisation: OrganisationEntity,
    areaId: string,
    areaName: string,
    field: string,
  ): Promise<void> {
    if (organisation.kind !== OrganisationKind.CVS) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        NetworkRefusal.NOT_A_CVS,
        `Only a CVS can convene a network; ${organisation.name} is not one`,
        [{ field, message: 'is not a CVS' }],
      );
    }
    if (!(await this.organisations.isVerified(organisation.id))) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        NetworkRefusal.CVS_AWAITING_VERIFICATION,
        `${organisation.name} is awaiting verification as a CVS: a platform admin must verify it (verifyOrganisation) before it can convene a network`,
        [{ field, message: 'is a CVS awaiting verification' }],
      );
    }
    const [links, inArea] = await Promise.all([
      this.organisations.findLocalAuthorityLinks([organisation.id]),
      this.authorities.findByAreaIds([areaId]),
    ]);
    if (!links.some((l) => inArea.some((a) => a.id === l.localAuthorityId))) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        NetworkRefusal.CVS_OUTSIDE_AREA,
        `${organisation.name} serves no local authority in ${areaName}, so it cannot convene a network there`,
        [{ field, message: 'serves no local authority in the area' }],
      );
    }
  }
}

/** Refuses a name another open network of the area already has (the unique index decides races). */
export async function assertNameFree(
  tx: EntityManager,
  areaId: string,
  name: string,
  exceptNetworkId: string | null,
): Promise<void> {
  const [taken]: { name: string }[] = await tx.query(
    `SELECT name FROM local_network
      WHERE police_force_area_id = $1 AND status <> 'CLOSED' AND ($3::uuid IS NULL OR id <> $3)
        AND ${NAME_KEY_SQL('name')} = ${NAME_KEY_SQL('$2::text')}
      LIMIT 1`,
    [areaId, name, exceptNetworkId],
  );
  if (taken) {
    throw sameName(taken.name);
  }
}

export function assertOpen(network: LocalNetworkEntity): void {
  if (network.status === NetworkStatus.CLOSED) {
    throw new DomainError(ErrorCode.CONFLICT, NetworkRefusal.NETWORK_CLOSED, `${network.name} is closed`);
  }
}

/** The only way a membership's status or role changes: the row and its history together. */
export async function transition(
  tx: EntityManager,
  membership: NetworkMembershipEntity,
  change: { status?: MembershipStatus; role?: MembershipRole },
  personId: string | null,
  reason: string | null,
): Promise<NetworkMembershipEntity> {
  const now = new Date();
  const status = change.status ?? membership.status;
  await tx.update(
    NetworkMembershipEntity,
    { id: membership.id },
    {
      ...change,
      ...(change.status ? { statusSince: now } : {}),
      ...(change.status === MembershipStatus.ACTIVE ? { joinedAt: now } : {}),
      ...(ENDED.includes(status) ? { endedAt: now } : {}),
    },
  );
  const changed = await tx.findOneByOrFail(NetworkMembershipEntity, { id: membership.id });
  await writeHistory(tx, changed, personId, reason);
  return changed;
}

export async function writeHistory(
  tx: EntityManager,
  membership: NetworkMembershipEntity,
  personId: string | null,
  reason: string | null,
): Promise<void> {
  await tx.insert(NetworkMembershipChangeEntity, {
    membershipId: membership.id,
    role: membership.role,
    status: membership.status,
    changedByPersonId: personId,
    reason,
  });
}
