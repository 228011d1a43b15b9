import { Injectable } from '@nestjs/common';
import { type EntityManager, In, Not } from 'typeorm';
import { ActivityVerb, ActivityVisibility } from '@app/activity';
import { DomainError, ErrorCode } from '@app/common';
import type { OrganisationEntity } from '@app/organisations';
import type {
  AnswerMembershipInput,
  ChangeMembershipRoleInput,
  EndMembershipInput,
  InviteToNetworkInput,
  RequestToJoinNetworkInput,
} from './dto/network-mutations.input';
import { MembershipReactions } from './membership-reactions';
import { assertOpen, type LockedNetwork, NetworkLock, transition, writeHistory } from './network-lock';
import { type LocalNetworkEntity, NetworkMembershipEntity } from './network.entities';
import { LIVE_MEMBERSHIP, MembershipRole, MembershipStatus } from './network.enums';
import { isLive } from './network.service';
import { NetworkRefusal } from './networks.errors';

/** Changes to who is in the network (public where its member list is); invitations and requests never are. */
const MEMBER_LIST_CHANGES = [
  ActivityVerb.NETWORK_MEMBER_JOINED,
  ActivityVerb.NETWORK_MEMBER_LEFT,
  ActivityVerb.NETWORK_MEMBER_REMOVED,
  ActivityVerb.NETWORK_ROLE_CHANGED,
];

/**
 * Membership: invitations, requests to join, answers, leaving, removal and roles. Each runs in
 * one transaction that locks the network row (see `NetworkLock`) and appends its activity.
 */
@Injectable()
export class MembershipFlowsService {
  constructor(
    private readonly lock: NetworkLock,
    private readonly reactions: MembershipReactions,
  ) {}

  async invite(personId: string | null, input: InviteToNetworkInput): Promise<NetworkMembershipEntity> {
    const organisation = await this.lock.liveOrganisation(input.organisationId, 'input.organisationId');
    return this.lock.on(input.networkId, async (locked) => {
      assertOpen(locked.row);
      if (input.role === MembershipRole.CONVENOR) {
        await this.lock.assertCanConvene(
          organisation,
          locked.row.policeForceAreaId,
          'this area',
          'input.organisationId',
        );
      }
      await this.assertNoLiveMembership(locked, organisation);
      const membership = await this.insertMembership(
        locked.tx,
        locked.row,
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
    const organisation = await this.lock.liveOrganisation(input.organisationId, 'input.organisationId');
    return this.lock.on(input.networkId, async (locked) => {
      assertOpen(locked.row);
      await this.assertNoLiveMembership(locked, organisation);
      const membership = await this.insertMembership(
        locked.tx,
        locked.row,
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
    return this.lock.onMembership(input.membershipId, async (locked, membership, organisation) => {
      assertStatus(membership, MembershipStatus.ACTIVE, 'active membership');
      if (membership.role === input.role) {
        locked.record.unchanged();
        return membership;
      }
      if (input.role === MembershipRole.CONVENOR) {
        await this.lock.assertCanConvene(organisation, locked.row.policeForceAreaId, 'this area', 'input.role');
      }
      await this.assertKeepsConvenor(locked, membership, organisation);
      const changed = await transition(locked.tx, membership, { role: input.role }, personId, null);
      await this.recordMembership(locked, ActivityVerb.NETWORK_ROLE_CHANGED, changed, organisation, personId, {
        from: membership.role,
      });
      return changed;
    });
  }

  /** Accepting a pending invitation or request makes the membership ACTIVE; declining ends it. */
  private answer(
    personId: string | null,
    input: AnswerMembershipInput,
    pending: MembershipStatus.INVITED | MembershipStatus.REQUESTED,
    declined: ActivityVerb,
  ): Promise<NetworkMembershipEntity> {
    return this.lock.onMembership(input.membershipId, async (locked, membership, organisation) => {
      assertStatus(membership, pending, pending === MembershipStatus.INVITED ? 'invitation' : 'request to join');
      if (input.accept) {
        assertOpen(locked.row);
      }
      const status = input.accept ? MembershipStatus.ACTIVE : MembershipStatus.DECLINED;
      const changed = await transition(locked.tx, membership, { status }, personId, null);
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
    return this.lock.onMembership(input.membershipId, async (locked, membership, organisation) => {
      if (!isLive(membership.status)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          NetworkRefusal.MEMBERSHIP_ENDED,
          `The membership has already ended (${membership.status})`,
          [{ field: 'input.membershipId', message: `is ${membership.status}` }],
        );
      }
      await this.assertKeepsConvenor(locked, membership, organisation);
      const changed = await transition(locked.tx, membership, { status }, personId, input.reason ?? null);
      await this.recordMembership(locked, verb, changed, organisation, personId, { reason: input.reason ?? null });
      if (membership.status === MembershipStatus.ACTIVE) {
        // What hung on the membership goes with it, in this transaction (e.g. places at members-only events).
        await this.reactions.membershipEnded(locked.tx, locked.record, {
          networkId: locked.row.id,
          organisationId: organisation.id,
          organisationName: organisation.name,
          actorPersonId: personId,
        });
      }
      return changed;
    });
  }

  private async assertNoLiveMembership(locked: LockedNetwork, organisation: OrganisationEntity): Promise<void> {
    const live = await locked.tx.findOneBy(NetworkMembershipEntity, {
      networkId: locked.row.id,
      organisationId: organisation.id,
      status: In(LIVE_MEMBERSHIP),
    });
    if (live) {
      const what = {
        [MembershipStatus.ACTIVE]: 'is already a member',
        [MembershipStatus.INVITED]: 'has already been invited',
        [MembershipStatus.REQUESTED]: 'has already asked to join',
      }[live.status as (typeof LIVE_MEMBERSHIP)[number]];
      throw new DomainError(ErrorCode.CONFLICT, NetworkRefusal.ALREADY_A_MEMBER, `${organisation.name} ${what}`, [
        { field: 'input.organisationId', message: what },
      ]);
    }
  }

  /** Refuses to end or demote the last active convenor, with the reason. */
  private async assertKeepsConvenor(
    locked: LockedNetwork,
    membership: NetworkMembershipEntity,
    organisation: OrganisationEntity,
  ): Promise<void> {
    if (membership.role !== MembershipRole.CONVENOR || membership.status !== MembershipStatus.ACTIVE) {
      return;
    }
    const others = await locked.tx.countBy(NetworkMembershipEntity, {
      networkId: locked.row.id,
      role: MembershipRole.CONVENOR,
      status: MembershipStatus.ACTIVE,
      id: Not(membership.id),
    });
    if (others === 0) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        NetworkRefusal.LAST_CONVENOR,
        `${organisation.name} is the only active convenor of ${locked.row.name}: hand convening to another CVS first`,
        [{ field: 'input.membershipId', message: 'is the last active convenor' }],
      );
    }
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
    await writeHistory(tx, membership, personId, null);
    return membership;
  }

  /** Member-list items are public only where the network's member list is. */
  private recordMembership(
    { record, row: network, areaCode }: LockedNetwork,
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

function assertStatus(membership: NetworkMembershipEntity, expected: MembershipStatus, what: string): void {
  if (membership.status !== expected) {
    throw new DomainError(
      ErrorCode.CONFLICT,
      NetworkRefusal.NOTHING_PENDING,
      `There is no pending ${what} here: the membership is ${membership.status}`,
      [{ field: 'input.membershipId', message: `is ${membership.status}` }],
    );
  }
}
