import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type FlowsContext, plansOf, startFlowsContext, statementsSent } from '@app/testing';
import type { LocalNetworkEntity } from './network.entities';
import { MembershipRole, MembershipStatus } from './network.enums';
import { MembershipFlowsService } from './membership-flows.service';
import { NetworkService } from './network.service';

describe("a network's page is planned once per connection (real PostgreSQL)", () => {
  let ctx: FlowsContext;
  let sut: NetworkService;
  let network: LocalNetworkEntity;

  beforeAll(async () => {
    ctx = await startFlowsContext();
    sut = ctx.get(NetworkService);
    ({ network } = await ctx.newNetwork());
    for (let i = 0; i < 3; i++) {
      await ctx.newMember(network);
    }
    // Networks and memberships in the proportions of a real directory (most members active, some
    // gone), analysed: PostgreSQL weighs generic against custom plans by its statistics.
    await ctx.dataSource.query(
      `WITH org AS (
         INSERT INTO organisation (name, kind)
         SELECT 'Directory organisation ' || g, 'VOLUNTARY_ORGANISATION' FROM generate_series(1, 400) g
         RETURNING id
       ), numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM org)
       INSERT INTO network_membership (network_id, organisation_id, role, status, joined_at, ended_at)
       SELECT n.id, o.id, 'MEMBER', s.status::membership_status, now(), s.ended
         FROM numbered o
         JOIN LATERAL (SELECT id FROM local_network ORDER BY id OFFSET o.n % (SELECT count(*) FROM local_network) LIMIT 1) n ON true
         JOIN LATERAL (SELECT CASE WHEN o.n % 6 = 0 THEN 'LEFT' ELSE 'ACTIVE' END AS status,
                              CASE WHEN o.n % 6 = 0 THEN now() END AS ended) s ON true
        WHERE NOT EXISTS (SELECT 1 FROM network_membership m WHERE m.network_id = n.id AND m.organisation_id = o.id)`,
    );
    await ctx.dataSource.query('ANALYZE network_membership, organisation, local_network');
  });

  afterAll(async () => {
    await ctx?.close();
  });

  // With `status = ANY($2)` PostgreSQL planned the page anew on every read (a generic plan, blind to
  // the array's length, never looked cheaper than a custom one): 0.24 ms of its CPU a read, 0.34
  // with the area beside it, on the large set of `npm run bench:peers`.
  it.each([
    ['alone', false],
    ['with its area', true],
  ])('reads its active members with a generic plan (%s)', async (_, withArea) => {
    const sent = await statementsSent(async () => {
      const { memberships } = await sut.getByIdWithMemberships(network.id, {
        withArea,
        statuses: [MembershipStatus.ACTIVE],
        organisations: {},
      });
      expect(memberships.length).toBeGreaterThanOrEqual(4);
    });
    expect(sent).toHaveLength(1);
    const [plans] = await plansOf(ctx.dataSource, sent);
    expect(plans.customPlans).toBeLessThanOrEqual(5);
    expect(plans.genericPlans).toBeGreaterThan(0);
  });

  it('reads members in several statuses, the convenor first, then oldest first', async () => {
    const invited = await ctx.newOrganisation();
    await ctx.get(MembershipFlowsService).invite(null, {
      networkId: network.id,
      organisationId: invited.id,
      role: MembershipRole.MEMBER,
    });
    const { memberships } = await sut.getByIdWithMemberships(network.id, {
      withArea: false,
      statuses: [MembershipStatus.ACTIVE, MembershipStatus.INVITED],
    });
    expect(memberships[0]).toMatchObject({ role: MembershipRole.CONVENOR, status: MembershipStatus.ACTIVE });
    expect(memberships.filter((m) => m.role === MembershipRole.CONVENOR)).toHaveLength(1);
    expect(memberships.find((m) => m.organisationId === invited.id)).toMatchObject({
      status: MembershipStatus.INVITED,
    });
    expect(new Set(memberships.map((m) => m.status))).toEqual(
      new Set([MembershipStatus.ACTIVE, MembershipStatus.INVITED]),
    );
    const after = memberships.slice(1).map((m) => m.createdAt.getTime());
    expect(after).toEqual([...after].sort((a, b) => a - b));
  });
});
