import { describe, expect, it } from '@jest/globals';
import { isStorableText, unsafeTextIn } from './storable-text';

describe('storable text', () => {
  it('accepts ordinary text and paired surrogates (emoji)', () => {
    expect(isStorableText('Gwent 😀 Ünïcödé')).toBe(true);
  });

  it('refuses NUL and unpaired surrogates', () => {
    for (const text of ['a\u0000b', '\ud800', 'x\udfff', '\udfff\ud800']) {
      expect(isStorableText(text)).toBe(false);
    }
  });

  it('names the first offending field by its dotted path, keys included', () => {
    expect(unsafeTextIn({ filter: { names: ['ok', 'b\u0000d'] } }, 'args')).toBe('args.filter.names.1');
    expect(unsafeTextIn({ data: { ['k\ud800']: 1 } })).toBe('data.k\ufffd');
    expect(unsafeTextIn({ a: 1, b: [null, true] })).toBeUndefined();
  });
});
