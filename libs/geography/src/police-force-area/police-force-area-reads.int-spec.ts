import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type FlowsContext, plansOf, startFlowsContext, statementsSent } from '@app/testing';
import { Country, GovernanceType, Region } from '../geography.enums';
import type { PoliceForceAreaFilter } from './dto/police-force-areas.args';
import { PoliceForceAreaService } from './police-force-area.service';

describe('the list of police force areas is planned once per connection (real PostgreSQL)', () => {
  let ctx: FlowsContext;
  let sut: PoliceForceAreaService;

  beforeAll(async () => {
    ctx = await startFlowsContext();
    sut = ctx.get(PoliceForceAreaService);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  // One statement for every filter, `$1 IS NULL OR …` for those not given, was planned on every read.
  it.each<[string, PoliceForceAreaFilter, number]>([
    ['no filter', {}, 43],
    ['a country', { country: Country.WALES }, 4],
    ['a region and a governance', { region: Region.LONDON, governanceType: GovernanceType.MAYOR_PCC_FUNCTIONS }, 1],
  ])('with %s, by a generic plan', async (_, filter, areas) => {
    const sent = await statementsSent(async () => {
      expect(await sut.list(filter)).toHaveLength(areas);
    });
    expect(sent).toHaveLength(1);
    const [plans] = await plansOf(ctx.dataSource, sent);
    expect(plans.customPlans).toBeLessThanOrEqual(5);
    expect(plans.genericPlans).toBeGreaterThan(0);
  });
});
