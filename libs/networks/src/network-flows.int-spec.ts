import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type FlowsContext, refusalOf, startFlowsContext } from '@app/testing';
import { MembershipFlowsService } from './membership-flows.service';
import { NetworkFlowsService } from './network-flows.service';
import { NetworkMembershipEntity } from './network.entities';
import { MembershipRole, MembershipStatus, NetworkStatus } from './network.enums';
import { NetworkRefusal } from './networks.errors';

describe('network membership rules (flows on real PostgreSQL)', () => {
  let ctx: FlowsContext;
  let sut: NetworkFlowsService;
  let membership: MembershipFlowsService;

  beforeAll(async () => {
    ctx = await startFlowsContext();
    sut = ctx.get(NetworkFlowsService);
    membership = ctx.get(MembershipFlowsService);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const convenorship = (networkId: string, organisationId: string) =>
    ctx.dataSource.getRepository(NetworkMembershipEntity).findOneByOrFail({ networkId, organisationId });

  it('makes the convening CVS an active convenor of the new network', async () => {
    const { network, convenor } = await ctx.newNetwork({ status: NetworkStatus.FORMING });
    expect(network.status).toBe(NetworkStatus.FORMING);
    expect(await convenorship(network.id, convenor.id)).toMatchObject({
      role: MembershipRole.CONVENOR,
      status: MembershipStatus.ACTIVE,
    });
  });

  it('lets only a CVS serving the area convene', async () => {
    const voluntary = await ctx.newOrganisation();
    const created = sut.create(null, {
      name: 'Not convened',
      policeForceAreaCode: ctx.place.policeForceAreaCode,
      convenorOrganisationId: voluntary.id,
    });
    expect(await refusalOf(created)).toMatchObject({
      code: 'FORBIDDEN',
      reason: NetworkRefusal.NOT_A_CVS,
      fields: [{ field: 'input.convenorOrganisationId', message: 'is not a CVS' }],
    });
    const { network } = await ctx.newNetwork();
    const invited = membership.invite(null, {
      networkId: network.id,
      organisationId: voluntary.id,
      role: MembershipRole.CONVENOR,
    });
    expect(await refusalOf(invited)).toMatchObject({
      code: 'FORBIDDEN',
      reason: NetworkRefusal.NOT_A_CVS,
      fields: [{ field: 'input.organisationId' }],
    });
  });

  it('gives an organisation one live membership of a network at a time', async () => {
    const { network } = await ctx.newNetwork();
    const member = await ctx.newMember(network);
    expect(member.status).toBe(MembershipStatus.ACTIVE);
    const again = membership.requestToJoin(null, {
      networkId: network.id,
      organisationId: member.organisationId,
      role: MembershipRole.MEMBER,
    });
    expect(await refusalOf(again)).toMatchObject({ code: 'CONFLICT', reason: NetworkRefusal.ALREADY_A_MEMBER });
  });

  it('keeps a convenor: the last one cannot leave or step down, until convening is handed over', async () => {
    const { network, convenor } = await ctx.newNetwork();
    const own = await convenorship(network.id, convenor.id);
    expect(await refusalOf(membership.leave(null, { membershipId: own.id }))).toMatchObject({
      code: 'CONFLICT',
      reason: NetworkRefusal.LAST_CONVENOR,
      fields: [{ field: 'input.membershipId', message: 'is the last active convenor' }],
    });
    expect(
      await refusalOf(membership.changeRole(null, { membershipId: own.id, role: MembershipRole.MEMBER })),
    ).toMatchObject({ code: 'CONFLICT', reason: NetworkRefusal.LAST_CONVENOR });

    const next = await ctx.newCvs();
    await ctx.newMember(network, next);
    await sut.handOverConvening(null, {
      networkId: network.id,
      fromOrganisationId: convenor.id,
      toOrganisationId: next.id,
    });
    expect(await convenorship(network.id, next.id)).toMatchObject({ role: MembershipRole.CONVENOR });
    const left = await membership.leave(null, { membershipId: own.id });
    expect(left.status).toBe(MembershipStatus.LEFT);
  });

  it('takes no invitations into a closed network', async () => {
    const { network } = await ctx.newNetwork({ status: NetworkStatus.CLOSED });
    const organisation = await ctx.newOrganisation();
    const invited = membership.invite(null, {
      networkId: network.id,
      organisationId: organisation.id,
      role: MembershipRole.MEMBER,
    });
    expect(await refusalOf(invited)).toMatchObject({ code: 'CONFLICT', reason: NetworkRefusal.NETWORK_CLOSED });
  });
});
