import { describe, expect, it } from '@jest/globals';
import { ActivityFamily } from '@app/activity';
import { MAX_SOURCE_CHARS } from './read-set';
import { ResponseStore } from './response-store';

describe('the response store', () => {
  it('charges the query texts it keeps by their length: padded texts cannot hold memory without bound', () => {
    const sut = new ResponseStore(1024 * 1024);
    const padded = (i: number) => `{ organisations(first: 1) { totalCount } } # ${i} ${'x'.repeat(100_000)}`;
    const count = 100; // 10 million characters asked to be kept
    for (let i = 0; i < count; i++) {
      sut.set(`key ${i}`, padded(i), [ActivityFamily.ORGANISATIONS], { result: { data: {} }, json: '{"data":{}}' });
    }
    const kept = Array.from({ length: count }, (_, i) => sut.readSetOf(padded(i))).filter(Boolean).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept * 100_000).toBeLessThanOrEqual(MAX_SOURCE_CHARS);
    expect(sut.readSetOf(padded(count - 1))).toEqual([ActivityFamily.ORGANISATIONS]); // the newest stays
  });
});
