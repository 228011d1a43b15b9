import { describe, expect, it } from '@jest/globals';
import { type KeptWork, RequestLoaders, withFreshLoaders } from './request-loaders';

describe('request loaders', () => {
  const budget = {};
  const factory = {
    createLoaders: (kept: KeptWork) => ({ fresh: {}, budget: kept.get(budget, () => ({ spent: 0 })) }),
  };

  it("makes a factory's loaders once per set, and a fresh set makes them again", () => {
    const first = new RequestLoaders();
    expect(first.of(factory)).toBe(first.of(factory));
    expect(new RequestLoaders().of(factory).fresh).not.toBe(first.of(factory).fresh);
  });

  it("keeps the kept work of the set it follows (a re-run, a subscription's next item), and only then", () => {
    const first = new RequestLoaders();
    const next = new RequestLoaders(first.kept);
    expect(next.of(factory).fresh).not.toBe(first.of(factory).fresh);
    expect(next.of(factory).budget).toBe(first.of(factory).budget);
    expect(new RequestLoaders().of(factory).budget).not.toBe(first.of(factory).budget);
  });

  it('gives a context fresh loaders with the same kept work, the rest of it as it was', () => {
    const context = { requestId: 'r1', loaders: new RequestLoaders() };
    const fresh = withFreshLoaders(context) as typeof context;
    expect(fresh).toEqual({ requestId: 'r1', loaders: expect.any(RequestLoaders) });
    expect(fresh.loaders).not.toBe(context.loaders);
    expect(fresh.loaders.of(factory).budget).toBe(context.loaders.of(factory).budget);
    expect(withFreshLoaders(null)).toBeNull();
    const none = { requestId: 'r2' };
    expect(withFreshLoaders(none)).toBe(none);
  });
});
