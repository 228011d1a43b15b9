import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type FlowsContext, plansOf, startFlowsContext, statementsSent } from '@app/testing';
import { OrganisationService } from './organisation.service';

describe('a page of organisations is planned once per connection (real PostgreSQL)', () => {
  let ctx: FlowsContext;
  let sut: OrganisationService;

  beforeAll(async () => {
    ctx = await startFlowsContext();
    sut = ctx.get(OrganisationService);
    // A directory of a national partner's size, analysed: PostgreSQL weighs plans by its statistics.
    await ctx.dataSource.query(
      `INSERT INTO organisation (name, kind)
       SELECT 'Directory organisation ' || g, 'VOLUNTARY_ORGANISATION' FROM generate_series(1, 3000) g`,
    );
    await ctx.dataSource.query('ANALYZE organisation');
  });

  afterAll(async () => {
    await ctx?.close();
  });

  // With the limit a parameter, the generic plan (a tenth of the table for an unknown limit) never
  // looked cheaper than one for the value: every page was planned anew.
  it.each([20, 100])('reads a page of %i by a generic plan', async (first) => {
    const sent = await statementsSent(async () => {
      const page = await sut.list({}, { first });
      expect(page.edges).toHaveLength(first);
      expect(page.pageInfo.hasNextPage).toBe(true);
    });
    expect(sent).toHaveLength(1);
    const [plans] = await plansOf(ctx.dataSource, sent);
    expect(plans.customPlans).toBeLessThanOrEqual(5);
    expect(plans.genericPlans).toBeGreaterThan(0);
  });

  it('prepares at most seven statements whatever the page sizes asked, each page as asked', async () => {
    const sizes = Array.from({ length: 100 }, (_, i) => i + 1);
    const sent = await statementsSent(async () => {
      for (const first of sizes) {
        const page = await sut.list({}, { first });
        expect(page.edges).toHaveLength(first);
        expect(page.pageInfo.hasNextPage).toBe(true);
        const next = await sut.list({}, { first: 1, after: page.pageInfo.endCursor as string });
        expect(next.edges[0].node.name >= page.edges[first - 1].node.name).toBe(true);
      }
    });
    const texts = new Set(sent.map((s) => s.sql));
    expect(texts.size).toBeLessThanOrEqual(2 * 7); // first pages and pages after a cursor
  });

  it('refuses a page size the API would not pass on', async () => {
    await expect(sut.list({}, { first: 101 })).rejects.toThrow(RangeError);
    await expect(sut.list({}, { first: 1.5 })).rejects.toThrow(RangeError);
  });
});
