import { Injectable } from '@nestjs/common';
import { ActivityRecorder, ActivityVerb, ActivityVisibility } from '@app/activity';
import { DomainError, ErrorCode, refusedMove, CommonRefusal } from '@app/common';
import { PoliceForceAreaService } from '@app/geography';
import { OrganisationService } from '@app/organisations';
import type {
  ChangeNetworkStatusInput,
  CreateNetworkInput,
  HandOverConveningInput,
  UpdateNetworkInput,
} from './dto/network-mutations.input';
import { assertNameFree, assertOpen, type LockedNetwork, NetworkLock, transition, writeHistory } from './network-lock';
import { LocalNetworkEntity, NetworkMembershipEntity, NetworkStatusChangeEntity } from './network.entities';
import { MembershipRole, MembershipStatus, NETWORK_STATUS_MOVES, NetworkStatus } from './network.enums';
import { NetworkRefusal } from './networks.errors';

/**
 * Convening: a network is created, changed, opened and closed, and its convening handed over.
 * Each runs in one transaction that locks the network row (see `NetworkLock`) and appends its
 * activity; who joins and leaves is in `MembershipFlowsService`.
 */
@Injectable()
export class NetworkFlowsService {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly lock: NetworkLock,
    private readonly areas: PoliceForceAreaService,
    private readonly organisations: OrganisationService,
  ) {}

  async create(personId: string | null, input: CreateNetworkInput): Promise<LocalNetworkEntity> {
    const area = await this.areas.getByCode(input.policeForceAreaCode).catch(() => {
      throw DomainError.unknown('input.policeForceAreaCode', 'is not a police force area');
    });
    const convenor = await this.lock.liveOrganisation(input.convenorOrganisationId, 'input.convenorOrganisationId');
    await this.lock.assertCanConvene(convenor, area.id, area.displayName, 'input.convenorOrganisationId');
    return this.lock.guarded(() =>
      this.activity.transaction(async (tx, record) => {
        await assertNameFree(tx, area.id, input.name, null);
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
        await writeHistory(tx, membership, personId, null);
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
    return this.lock.on(input.networkId, async ({ tx, record, row: network, areaCode }) => {
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
      if (input.name !== undefined) {
        await assertNameFree(tx, network.policeForceAreaId, input.name, network.id);
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
    return this.lock.on(input.networkId, async ({ tx, record, row: network, areaCode }) => {
      if (!NETWORK_STATUS_MOVES[network.status].includes(input.status)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          CommonRefusal.INVALID_STATUS_MOVE,
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

  handOverConvening(personId: string | null, input: HandOverConveningInput): Promise<LocalNetworkEntity> {
    return this.lock.on(input.networkId, async (locked) => {
      assertOpen(locked.row);
      const [from, to] = await Promise.all([
        this.activeMembership(locked, input.fromOrganisationId),
        this.activeMembership(locked, input.toOrganisationId),
      ]);
      if (from?.role !== MembershipRole.CONVENOR) {
        throw DomainError.badInput(
          NetworkRefusal.NOT_A_CONVENOR,
          'input.fromOrganisationId',
          'is not an active convenor of this network',
        );
      }
      if (!to) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          NetworkRefusal.NOT_A_MEMBER,
          'Convening can only pass to an active member of the network: invite the CVS first',
          [{ field: 'input.toOrganisationId', message: 'is not an active member of this network' }],
        );
      }
      const [fromOrganisation, toOrganisation] = await Promise.all([
        this.organisations.getById(from.organisationId),
        this.organisations.getById(to.organisationId),
      ]);
      await this.lock.assertCanConvene(
        toOrganisation,
        locked.row.policeForceAreaId,
        'this area',
        'input.toOrganisationId',
      );
      if (to.role !== MembershipRole.CONVENOR) {
        await transition(locked.tx, to, { role: MembershipRole.CONVENOR }, personId, 'convening handed over');
      }
      await transition(locked.tx, from, { role: MembershipRole.MEMBER }, personId, 'convening handed over');
      await locked.record({
        verb: ActivityVerb.NETWORK_CONVENING_HANDED_OVER,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId: personId,
        actorOrganisationId: fromOrganisation.id,
        policeForceAreaCode: locked.areaCode,
        organisationId: toOrganisation.id,
        networkId: locked.row.id,
        payload: { network: locked.row.name, from: fromOrganisation.name, to: toOrganisation.name },
      });
      return locked.row;
    });
  }

  private activeMembership(locked: LockedNetwork, organisationId: string): Promise<NetworkMembershipEntity | null> {
    return locked.tx.findOneBy(NetworkMembershipEntity, {
      networkId: locked.row.id,
      organisationId,
      status: MembershipStatus.ACTIVE,
    });
  }
}
