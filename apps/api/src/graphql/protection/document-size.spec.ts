import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { retainedSize } from './document-size';

describe('retainedSize', () => {
  it('charges a document by its tokens, comments included, not by how its JSON prints', () => {
    const plain = parse('{ me { id } }');
    const padded = parse(`{ me { id } }${'#\n'.repeat(10_000)}`);
    expect(JSON.stringify(padded).length).toBeLessThan(JSON.stringify(plain).length + 10); // what Apollo's default charges
    expect(retainedSize(plain)).toBeGreaterThan(7 * 400);
    expect(retainedSize(padded)).toBeGreaterThan(10_000 * 400);
  });
});
