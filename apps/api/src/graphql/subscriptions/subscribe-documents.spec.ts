import { describe, expect, it } from '@jest/globals';
import { buildSchema, GraphQLError, parse, validate } from 'graphql';
import { SubscribeDocuments } from './subscribe-documents';

const schema = buildSchema('type Query { a: Int } type Subscription { tick: Int }');

describe('SubscribeDocuments', () => {
  it('parses a text once and hands every subscriber the same document', () => {
    let parses = 0;
    const documents = new SubscribeDocuments((query) => (parses++, parse(query)));
    const first = documents.parse('subscription { tick }');
    expect(documents.parse('subscription { tick }')).toBe(first);
    expect(documents.parse('subscription { tick  }')).not.toBe(first); // another text, another parse
    expect(parses).toBe(2);
  });

  it('keeps nothing of a text the parser refuses: it is refused every time', () => {
    let parses = 0;
    const documents = new SubscribeDocuments((query) => (parses++, parse(query, { maxTokens: 3 })));
    expect(() => documents.parse('subscription { tick }')).toThrow(GraphQLError);
    expect(() => documents.parse('subscription { tick }')).toThrow(GraphQLError);
    expect(parses).toBe(2);
  });

  it('validates a document once per schema, errors included', () => {
    const documents = new SubscribeDocuments(parse);
    let validations = 0;
    const check = (s: typeof schema, d: ReturnType<typeof parse>) => (validations++, validate(s, d));
    const bad = documents.parse('subscription { nope }');
    const errors = documents.validated(schema, bad, check);
    expect(errors).toHaveLength(1);
    expect(documents.validated(schema, bad, check)).toBe(errors);
    const other = buildSchema('type Query { a: Int } type Subscription { nope: Int }');
    expect(documents.validated(other, bad, check)).toHaveLength(0);
    expect(validations).toBe(2);
  });

  it('forgets the least recently used texts past its size bound', () => {
    let parses = 0;
    const documents = new SubscribeDocuments((query) => (parses++, parse(query)));
    const first = documents.parse('subscription { tick }');
    // 2,000,000 characters of other texts push the first out.
    const filler = ` ${'#'.repeat(99_990)}\n`;
    for (let i = 0; i < 21; i++) {
      documents.parse(`subscription { tick }${filler}# ${i}`);
    }
    expect(documents.parse('subscription { tick }')).not.toBe(first);
    expect(parses).toBe(23);
  });
});
