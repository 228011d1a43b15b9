import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { asBackgroundWork } from '@app/common';
import { type FlowsContext, startFlowsContext } from '@app/testing';
import { ActivityRecorder } from './activity.recorder';

describe('activity transactions filling the pool (real PostgreSQL)', () => {
  const POOL = 2;
  let ctx: FlowsContext;

  beforeAll(async () => {
    ctx = await startFlowsContext({ poolSize: POOL });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  // Registering an organisation reads its local authorities and specialisms through their services
  // while its transaction holds a connection. On the main pool, transactions holding every connection
  // all waited for one more until the connect timeout failed them.
  it('get what they read beside them, however many run at once', async () => {
    const made = await Promise.all(
      Array.from({ length: POOL * 3 }, () =>
        ctx.newOrganisation({ localAuthorityCodes: [ctx.place.localAuthorityCode] }),
      ),
    );
    expect(new Set(made.map((o) => o.id)).size).toBe(POOL * 3);
  });

  it('get them as background work too (a reminder records its activity as background work)', async () => {
    const made = await asBackgroundWork(() =>
      Promise.all(
        Array.from({ length: POOL * 3 }, () =>
          ctx.newOrganisation({ localAuthorityCodes: [ctx.place.localAuthorityCode] }),
        ),
      ),
    );
    expect(made).toHaveLength(POOL * 3);
  });

  it('leave the body behind once it settles: what it started runs as any other work', async () => {
    const recorder = ctx.get(ActivityRecorder);
    let later: Promise<unknown> | undefined;
    await recorder.transaction((_tx, record) => {
      later = new Promise((done) => setTimeout(done, 10)).then(() => ctx.newOrganisation());
      record.unchanged();
      return Promise.resolve();
    });
    await expect(later).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('refuses one inside another (its connection would be held on the side pool)', async () => {
    const recorder = ctx.get(ActivityRecorder);
    await expect(recorder.transaction(() => recorder.transaction(() => Promise.resolve('inner')))).rejects.toThrow(
      'An activity transaction inside another',
    );
  });
});
