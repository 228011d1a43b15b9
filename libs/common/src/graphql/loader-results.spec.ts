import { describe, expect, it } from '@jest/globals';
import { groupBy, keyedBy, loaded } from './loader-results';

describe('loader results', () => {
  const rows = [
    { id: 'b', parent: 'x' },
    { id: 'a', parent: 'y' },
    { id: 'c', parent: 'x' },
  ];

  it('keyedBy answers in key order with an Error for a missing key', () => {
    const sut = keyedBy(['a', 'z', 'b'], rows, (r) => r.id);
    expect(sut[0]).toBe(rows[1]);
    expect(sut[1]).toBeInstanceOf(Error);
    expect(sut[2]).toBe(rows[0]);
  });

  it('groupBy answers one (possibly empty) group per key, in key order', () => {
    expect(groupBy(['y', 'none', 'x'], rows, (r) => r.parent).map((g) => g.map((r) => r.id))).toEqual([
      ['a'],
      [],
      ['b', 'c'],
    ]);
  });

  it('loaded keeps what was found, in order, and drops the missing keys', () => {
    expect(loaded(keyedBy(['a', 'z', 'b'], rows, (r) => r.id)).map((r) => r.id)).toEqual(['a', 'b']);
  });
});
