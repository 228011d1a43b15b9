import { Injectable } from '@nestjs/common';
import { type EntityManager, In, Not } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility, type RecordActivity } from '@app/activity';
import { DomainError, ErrorCode, refusedMove, violatedConstraint } from '@app/common';
import { LocalAuthorityService, PoliceForceAreaService } from '@app/geography';
import { type OrganisationEntity, OrganisationKind, OrganisationService, OrganisationStatus } from '@app/organisations';
import type {
  AnswerMembershipInput,
  ChangeMembershipRoleInput,
  ChangeNetworkStatusInput,
  CreateNetworkInput,
  EndMembershipInput,
  HandOverConveningInput,
  InviteToNetworkInput,
  RequestToJoinNetworkInput,
  UpdateNetworkInput,
} from './dto/network-mutations.input';
import {
  LocalNetworkEntity,
  NetworkMembershipChangeEntity,
  NetworkMembershipEntity,
  NetworkStatusChangeEntity,
} from './network.entities';
import {
  LIVE_MEMBERSHIP,
  MembershipRole,
  MembershipStatus,
  NETWORK_STATUS_MOVES,
  NetworkStatus,
} from './network.enums';
import { isLive, NetworkService } from './network.service';

/** A network locked for the length of a change, with what activity items need to say about it. */
interface Locked {
  readonly tx: EntityManager;
  readonly record: RecordActivity;
  readonly network: LocalNetworkEntity;
  readonly areaCode: string;
}

/** Changes to who is in the network (public where its member list is); invitations and requests never are. */
const MEMBER_LIST_CHANGES = [
  ActivityVerb.NETWORK_MEMBER_JOINED,
  ActivityVerb.NETWORK_MEMBER_LEFT,
  ActivityVerb.NETWORK_MEMBER_REMOVED,
  ActivityVerb.NETWORK_ROLE_CHANGED,
];

const ENDED = [MembershipStatus.LEFT, MembershipStatus.REMOVED, MembershipStatus.DECLINED];

/** Database rules (see the Networks migration) as the errors a client sees if a race reaches them. */
const CONSTRAINT_ERRORS: Record<string, () => DomainError> = {
  network_membership_live_uq: () =>
    new DomainError(ErrorCode.CONFLICT, 'The organisation already has a live membership of this network'),
  network_keeps_a_convenor: () =>
    new DomainError(ErrorCode.CONFLICT, 'A network must keep at least one active convenor'),
  network_convenor_is_cvs: () => new DomainError(ErrorCode.FORBIDDEN, 'Only a CVS can convene a network'),
};

/**
 * Convening and membership flows. Each runs in one transaction that locks the network row
 * first, so changes to one network's memberships are serialised (two convenors acting at once
 * see each other's result), and appends its activity.
 */
@Injectable()
export class NetworkFlowsService {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly networks: NetworkService,
    private readonly areas: PoliceForceAreaService,
    private readonly authorities: LocalAuthorityService,
    private readonly organisations: OrganisationService,
  ) {}

  async create(personId: string | null, input: CreateNetworkInput): Promise<LocalNetworkEntity> {
    const area = await this.areas.getByCode(input.policeForceAreaCode).catch(() => {
      throw DomainError.badInput('input.policeForceAreaCode', 'is not a police force area');
    });
    const convenor = await this.liveOrganisation(input.convenorOrganisationId, 'input.convenorOrganisationId');
    await this.assertCanConvene(convenor, area.id, area.displayName, 'input.convenorOrganisationId');
    return this.guarded(() =>
      this.activity.transaction(async (tx, record) => {
        const network = await tx.save(
          tx.create(LocalNetworkEntity, {
            name: input.name,
            policeForceAreaId: area.id,
            purpose: input.purpose ?? null,
            membersPublic: input.membersPublic ?? false,
            createdByPersonId: personId,
          }),
        );
        await tx.insert(NetworkStatusChangeEntity, {
          networkId: network.id,
          status: NetworkStatus.FORMING,
          changedByPersonId: personId,
        });
        const membership = await tx.save(
          tx.create(NetworkMembershipEntity, {
            networkId: network.id,
            organisationId: convenor.id,
            role: MembershipRole.CONVENOR,
            status: MembershipStatus.ACTIVE,
            joinedAt: new Date(),
          }),
        );
        await this.writeHistory(tx, membership, personId, null);
        await record({
          verb: ActivityVerb.NETWORK_CREATED,
          visibility: ActivityVisibility.PUBLIC,
          actorPersonId: personId,
          actorOrganisationId: convenor.id,
          policeForceAreaCode: area.code,
          organisationId: convenor.id,
          networkId: network.id,
          payload: { network: network.name, convenor: convenor.name },
        });
        return tx.findOneByOrFail(LocalNetworkEntity, { id: network.id });
      }),
    );
  }

  update(personId: string | null, input: UpdateNetworkInput): Promise<LocalNetworkEntity> {
    return this.onNetwork(input.networkId, async ({ tx, record, network, areaCode }) => {
      assertOpen(network);
      const changes = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.purpose !== undefined ? { purpose: input.purpose } : {}),
        ...(input.membersPublic !== undefined ? { membersPublic: input.membersPublic } : {}),
      };
      if (Object.keys(changes).length === 0) {
        record.unchanged();
        return network;
      }
      await tx.update(LocalNetworkEntity, { id: network.id }, { ...changes, updatedAt: new Date() });
      await record({
        verb: ActivityVerb.NETWORK_UPDATED,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId: personId,
        policeForceAreaCode: areaCode,
        networkId: network.id,
        payload: { network: input.name ?? network.name, changed: Object.keys(changes) },
      });
      return tx.findOneByOrFail(LocalNetworkEntity, { id: network.id });
    });
  }

  changeStatus(personId: string | null, input: ChangeNetworkStatusInput): Promise<LocalNetworkEntity> {
    return this.onNetwork(input.networkId, async ({ tx, record, network, areaCode }) => {
      if (!NETWORK_STATUS_MOVES[network.status].includes(input.status)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          refusedMove('network', network.status, input.status, NETWORK_STATUS_MOVES[network.status]),
          [{ field: 'input.status', message: `not allowed from ${network.status}` }],
        );
      }
      const now = new Date();
      await tx.update(
        LocalNetworkEntity,
        { id: network.id },
        {
          status: input.status,
          statusSince: now,
          updatedAt: now,
          ...(input.status === NetworkStatus.ACTIVE && !network.activeSince ? { activeSince: now } : {}),
          ...(input.status === NetworkStatus.CLOSED ? { closedAt: now } : {}),
        },
      );
      await tx.insert(NetworkStatusChangeEntity, {
        networkId: network.id,
        status: input.status,
        changedByPersonId: personId,
        reason: input.reason ?? null,
      });
      await record({
        verb: ActivityVerb.NETWORK_STATUS_CHANGED,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId: personId,
        policeForceAreaCode: areaCode,
        networkId: network.id,
        payload: { network: network.name, from: network.status, to: input.status, reason: input.reason ?? null },
      });
      return tx.findOneByOrFail(LocalNetworkEntity, { id: network.id });
    });
  }

  async invite(personId: string | null, input: InviteToNetworkInput): Promise<NetworkMembershipEntity> {
    const organisation = await this.liveOrganisation(input.organisationId, 'input.organisationId');
    return this.onNetwork(input.networkId, async (locked) => {
      assertOpen(locked.network);
      if (input.role === MembershipRole.CONVENOR) {
        await this.assertCanConvene(
          organisation,
          locked.network.policeForceAreaId,
          'this area',
          'input.organisationId',
        );
      }
      await this.assertNoLiveMembership(locked, organisation);
      const membership = await this.insertMembership(
        locked.tx,
        locked.network,
        organisation,
        input.role,
        MembershipStatus.INVITED,
        personId,
      );
      await this.recordMembership(locked, ActivityVerb.NETWORK_MEMBER_INVITED, membership, organisation, personId);
      return membership;
    });
  }

  async requestToJoin(personId: string | null, input: RequestToJoinNetworkInput): Promise<NetworkMembershipEntity> {
    const organisation = await this.liveOrganisation(input.organisationId, 'input.organisationId');
    return this.onNetwork(input.networkId, async (locked) => {
      assertOpen(locked.network);
      await this.assertNoLiveMembership(locked, organisation);
      const membership = await this.insertMembership(
        locked.tx,
        locked.network,
        organisation,
        input.role,
        MembershipStatus.REQUESTED,
        personId,
      );
      await this.recordMembership(locked, ActivityVerb.NETWORK_JOIN_REQUESTED, membership, organisation, personId);
      return membership;
    });
  }

  /** The invited organisation's admin accepts or declines. */
  answerInvitation(personId: string | null, input: AnswerMembershipInput): Promise<NetworkMembershipEntity> {
    return this.answer(personId, input, MembershipStatus.INVITED, ActivityVerb.NETWORK_INVITATION_DECLINED);
  }

  /** A convenor approves or declines an organisation's request to join. */
  answerRequest(personId: string | null, input: AnswerMembershipInput): Promise<NetworkMembershipEntity> {
    return this.answer(personId, input, MembershipStatus.REQUESTED, ActivityVerb.NETWORK_REQUEST_DECLINED);
  }

  /** The member organisation's admin leaves (or withdraws a pending request or invitation). */
  leave(personId: string | null, input: EndMembershipInput): Promise<NetworkMembershipEntity> {
    return this.end(personId, input, MembershipStatus.LEFT, ActivityVerb.NETWORK_MEMBER_LEFT);
  }

  /** A convenor removes a member (or withdraws an invitation). */
  remove(personId: string | null, input: EndMembershipInput): Promise<NetworkMembershipEntity> {
    return this.end(personId, input, MembershipStatus.REMOVED, ActivityVerb.NETWORK_MEMBER_REMOVED);
  }

  changeRole(personId: string | null, input: ChangeMembershipRoleInput): Promise<NetworkMembershipEntity> {
    return this.onMembership(input.membershipId, async (locked, membership, organisation) => {
      assertStatus(membership, MembershipStatus.ACTIVE, 'active membership');
      if (membership.role === input.role) {
        locked.record.unchanged();
        return membership;
      }
      if (input.role === MembershipRole.CONVENOR) {
        await this.assertCanConvene(organisation, locked.network.policeForceAreaId, 'this area', 'input.role');
      }
      await this.assertKeepsConvenor(locked, membership, organisation);
      const changed = await this.transition(locked.tx, membership, { role: input.role }, personId, null);
      await this.recordMembership(locked, ActivityVerb.NETWORK_ROLE_CHANGED, changed, organisation, personId, {
        from: membership.role,
      });
      return changed;
    });
  }

  handOverConvening(personId: string | null, input: HandOverConveningInput): Promise<LocalNetworkEntity> {
    return this.onNetwork(input.networkId, async (locked) => {
      assertOpen(locked.network);
      const [from, to] = await Promise.all([
        this.activeMembership(locked, input.fromOrganisationId),
        this.activeMembership(locked, input.toOrganisationId),
      ]);
      if (from?.role !== MembershipRole.CONVENOR) {
        throw DomainError.badInput('input.fromOrganisationId', 'is not an active convenor of this network');
      }
      if (!to) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          'Convening can only pass to an active member of the network: invite the CVS first',
          [{ field: 'input.toOrganisationId', message: 'is not an active member of this network' }],
        );
      }
      const [fromOrganisation, toOrganisation] = await Promise.all([
        this.organisations.getById(from.organisationId),
        this.organisations.getById(to.organisationId),
      ]);
      await this.assertCanConvene(
        toOrganisation,
        locked.network.policeForceAreaId,
        'this area',
        'input.toOrganisationId',
      );
      if (to.role !== MembershipRole.CONVENOR) {
        await this.transition(locked.tx, to, { role: MembershipRole.CONVENOR }, personId, 'convening handed over');
      }
      await this.transition(locked.tx, from, { role: MembershipRole.MEMBER }, personId, 'convening handed over');
      await locked.record({
        verb: ActivityVerb.NETWORK_CONVENING_HANDED_OVER,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId: personId,
        actorOrganisationId: fromOrganisation.id,
        policeForceAreaCode: locked.areaCode,
        organisationId: toOrganisation.id,
        networkId: locked.network.id,
        payload: { network: locked.network.name, from: fromOrganisation.name, to: toOrganisation.name },
      });
      return locked.network;
    });
  }

  /** Accepting a pending invitation or request makes the membership ACTIVE; declining ends it. */
  private answer(
    personId: string | null,
    input: AnswerMembershipInput,
    pending: MembershipStatus.INVITED | MembershipStatus.REQUESTED,
    declined: ActivityVerb,
  ): Promise<NetworkMembershipEntity> {
    return this.onMembership(input.membershipId, async (locked, membership, organisation) => {
      assertStatus(membership, pending, pending === MembershipStatus.INVITED ? 'invitation' : 'request to join');
      if (input.accept) {
        assertOpen(locked.network);
      }
      const status = input.accept ? MembershipStatus.ACTIVE : MembershipStatus.DECLINED;
      const changed = await this.transition(locked.tx, membership, { status }, personId, null);
      const verb = input.accept ? ActivityVerb.NETWORK_MEMBER_JOINED : declined;
      await this.recordMembership(locked, verb, changed, organisation, personId);
      return changed;
    });
  }

  private end(
    personId: string | null,
    input: EndMembershipInput,
    status: MembershipStatus,
    verb: ActivityVerb,
  ): Promise<NetworkMembershipEntity> {
    return this.onMembership(input.membershipId, async (locked, membership, organisation) => {
      if (!isLive(membership.status)) {
        throw new DomainError(ErrorCode.CONFLICT, `The membership has already ended (${membership.status})`, [
          { field: 'input.membershipId', message: `is ${membership.status}` },
        ]);
      }
      await this.assertKeepsConvenor(locked, membership, organisation);
      const changed = await this.transition(locked.tx, membership, { status }, personId, input.reason ?? null);
      await this.recordMembership(locked, verb, changed, organisation, personId, { reason: input.reason ?? null });
      return changed;
    });
  }

  /** Runs a change with the network row locked (FOR UPDATE) for the whole transaction. */
  private onNetwork<T>(networkId: string, work: (locked: Locked) => Promise<T>): Promise<T> {
    return this.guarded(() =>
      this.activity.transaction(async (tx, record) => {
        const network = await tx
          .getRepository(LocalNetworkEntity)
          .createQueryBuilder('n')
          .setLock('pessimistic_write')
          .where('n.id = :id', { id: networkId })
          .getOne();
        if (!network) {
          throw DomainError.notFound('Network', networkId);
        }
        const [area] = await this.areas.findByIds([network.policeForceAreaId]);
        return work({ tx, record, network, areaCode: area?.code ?? '' });
      }),
    );
  }

  /** Runs a change on a membership, read again once its network is locked. */
  private async onMembership<T>(
    membershipId: string,
    work: (locked: Locked, membership: NetworkMembershipEntity, organisation: OrganisationEntity) => Promise<T>,
  ): Promise<T> {
    const [found] = await this.networks.findMembershipsByIds([membershipId]);
    if (!found) {
      throw DomainError.notFound('Membership', membershipId);
    }
    const organisation = await this.organisations.getById(found.organisationId);
    return this.onNetwork(found.networkId, async (locked) =>
      work(locked, await locked.tx.findOneByOrFail(NetworkMembershipEntity, { id: membershipId }), organisation),
    );
  }

  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const mapped = CONSTRAINT_ERRORS[violatedConstraint(error) ?? ''];
      throw mapped ? mapped() : error;
    }
  }

  private async liveOrganisation(id: string, field: string): Promise<OrganisationEntity> {
    const organisation = await this.organisations.getById(id).catch(() => {
      throw DomainError.badInput(field, 'is not an organisation');
    });
    if (organisation.status === OrganisationStatus.ARCHIVED) {
      throw new DomainError(ErrorCode.CONFLICT, `${organisation.name} is archived`, [
        { field, message: 'is archived' },
      ]);
    }
    return organisation;
  }

  /** Only a CVS serving at least one local authority of the network's area may convene it. */
  private async assertCanConvene(
    organisation: OrganisationEntity,
    areaId: string,
    areaName: string,
    field: string,
  ): Promise<void> {
    if (organisation.kind !== OrganisationKind.CVS) {
      throw new DomainError(ErrorCode.FORBIDDEN, `Only a CVS can convene a network; ${organisation.name} is not one`, [
        { field, message: 'is not a CVS' },
      ]);
    }
    const [links, inArea] = await Promise.all([
      this.organisations.findLocalAuthorityLinks([organisation.id]),
      this.authorities.findByAreaIds([areaId]),
    ]);
    if (!links.some((l) => inArea.some((a) => a.id === l.localAuthorityId))) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        `${organisation.name} serves no local authority in ${areaName}, so it cannot convene a network there`,
        [{ field, message: 'serves no local authority in the area' }],
      );
    }
  }

  private async assertNoLiveMembership(locked: Locked, organisation: OrganisationEntity): Promise<void> {
    const live = await locked.tx.findOneBy(NetworkMembershipEntity, {
      networkId: locked.network.id,
      organisationId: organisation.id,
      status: In(LIVE_MEMBERSHIP),
    });
    if (live) {
      const what = {
        [MembershipStatus.ACTIVE]: 'is already a member',
        [MembershipStatus.INVITED]: 'has already been invited',
        [MembershipStatus.REQUESTED]: 'has already asked to join',
      }[live.status as (typeof LIVE_MEMBERSHIP)[number]];
      throw new DomainError(ErrorCode.CONFLICT, `${organisation.name} ${what}`, [
        { field: 'input.organisationId', message: what },
      ]);
    }
  }

  /** Refuses to end or demote the last active convenor, with the reason. */
  private async assertKeepsConvenor(
    locked: Locked,
    membership: NetworkMembershipEntity,
    organisation: OrganisationEntity,
  ): Promise<void> {
    if (membership.role !== MembershipRole.CONVENOR || membership.status !== MembershipStatus.ACTIVE) {
      return;
    }
    const others = await locked.tx.countBy(NetworkMembershipEntity, {
      networkId: locked.network.id,
      role: MembershipRole.CONVENOR,
      status: MembershipStatus.ACTIVE,
      id: Not(membership.id),
    });
    if (others === 0) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        `${organisation.name} is the only active convenor of ${locked.network.name}: hand convening to another CVS first`,
        [{ field: 'input.membershipId', message: 'is the last active convenor' }],
      );
    }
  }

  private activeMembership(locked: Locked, organisationId: string): Promise<NetworkMembershipEntity | null> {
    return locked.tx.findOneBy(NetworkMembershipEntity, {
      networkId: locked.network.id,
      organisationId,
      status: MembershipStatus.ACTIVE,
    });
  }

  private async insertMembership(
    tx: EntityManager,
    network: LocalNetworkEntity,
    organisation: OrganisationEntity,
    role: MembershipRole,
    status: MembershipStatus,
    personId: string | null,
  ): Promise<NetworkMembershipEntity> {
    const membership = await tx.save(
      tx.create(NetworkMembershipEntity, { networkId: network.id, organisationId: organisation.id, role, status }),
    );
    await this.writeHistory(tx, membership, personId, null);
    return membership;
  }

  /** The only way a membership's status or role changes: the row and its history together. */
  private async transition(
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
    await this.writeHistory(tx, changed, personId, reason);
    return changed;
  }

  private async writeHistory(
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

  /** Member-list items are public only where the network's member list is. */
  private recordMembership(
    { record, network, areaCode }: Locked,
    verb: ActivityVerb,
    membership: NetworkMembershipEntity,
    organisation: OrganisationEntity,
    personId: string | null,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    return record({
      verb,
      visibility:
        network.membersPublic && MEMBER_LIST_CHANGES.includes(verb)
          ? ActivityVisibility.PUBLIC
          : ActivityVisibility.NETWORK,
      actorPersonId: personId,
      policeForceAreaCode: areaCode,
      organisationId: organisation.id,
      networkId: network.id,
      payload: {
        network: network.name,
        organisation: organisation.name,
        membershipId: membership.id,
        role: membership.role,
        status: membership.status,
        ...extra,
      },
    });
  }
}

function assertOpen(network: LocalNetworkEntity): void {
  if (network.status === NetworkStatus.CLOSED) {
    throw new DomainError(ErrorCode.CONFLICT, `${network.name} is closed`);
  }
}

function assertStatus(membership: NetworkMembershipEntity, expected: MembershipStatus, what: string): void {
  if (membership.status !== expected) {
    throw new DomainError(
      ErrorCode.CONFLICT,
      `There is no pending ${what} here: the membership is ${membership.status}`,
      [{ field: 'input.membershipId', message: `is ${membership.status}` }],
    );
  }
}
