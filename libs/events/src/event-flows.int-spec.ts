import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type FlowsContext, refusalOf, startFlowsContext } from '@app/testing';
import { EventFlowsService } from './event-flows.service';
import { EventKind, EventVisibility } from './event.enums';

describe('scheduling events (flows on real PostgreSQL)', () => {
  let ctx: FlowsContext;
  let sut: EventFlowsService;

  beforeAll(async () => {
    ctx = await startFlowsContext();
    sut = ctx.get(EventFlowsService);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('warns of another event of the same network at the same time, and of none elsewhere', async () => {
    const { network } = await ctx.newNetwork();
    // Public, so that the system actor (who is in no network) may be told of it.
    const first = await ctx.newEvent(network, {
      start: '2099-03-03T18:00',
      end: '2099-03-03T20:00',
      visibility: EventVisibility.PUBLIC,
    });
    const overlapping = await sut.create(ctx.system, {
      networkId: network.id,
      kind: EventKind.TRAINING,
      title: 'Overlapping training',
      start: '2099-03-03T19:00',
      end: '2099-03-03T21:00',
    });
    expect(overlapping.clashes).toEqual([
      expect.objectContaining({
        event: expect.objectContaining({ id: first.id }),
        reason: 'another event of the same network at the same time',
      }),
    ]);
    const { network: elsewhere } = await ctx.newNetwork();
    const apart = await sut.create(ctx.system, {
      networkId: elsewhere.id,
      kind: EventKind.NETWORK_MEETING,
      title: 'Another network’s meeting',
      start: '2099-03-03T19:00',
      end: '2099-03-03T21:00',
    });
    expect(apart.clashes).toEqual([]);
  });

  it('refuses a series whose start is not an occurrence of its rule, naming the rule', async () => {
    const { network } = await ctx.newNetwork();
    // 6 January 2099 is a Tuesday.
    const created = ctx.newEvent(network, { recurrenceRule: 'FREQ=WEEKLY;BYDAY=MO' });
    expect(await refusalOf(created)).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.recurrenceRule' }],
    });
  });
});
