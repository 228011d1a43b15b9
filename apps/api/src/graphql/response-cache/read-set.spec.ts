import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isAbstractType, isObjectType, parse } from 'graphql';
import { ACTIVITY_FAMILIES, ActivityFamily, ActivityVerb, VERB_FAMILY, withDependencies } from '@app/activity';
import { projectRoot } from '@app/common';
import { FIELD_READS, MAX_SOURCE_CHARS, readSetOf, ReadSets, TYPE_READS } from './read-set';

const schema = buildSchema(readFileSync(join(projectRoot(), 'schema', 'schema.graphql'), 'utf8'));
const sut = (query: string) => readSetOf(schema, parse(query));
const isEqual = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const { GEOGRAPHY, ORGANISATIONS, IDENTITY, NETWORKS, COVERAGE, EVENTS, DRAFTING, INFLUENCING } = ActivityFamily;

describe('read sets of query documents', () => {
  it('classifies every object, interface and union type of the schema, and only those', () => {
    const composite = Object.values(schema.getTypeMap())
      .filter((type) => !type.name.startsWith('__') && (isObjectType(type) || isAbstractType(type)))
      .map((type) => type.name)
      .sort();
    expect(Object.keys(TYPE_READS).sort()).toEqual(composite);
  });

  it('names only fields that exist', () => {
    for (const name of Object.keys(FIELD_READS)) {
      const [type = '', field = ''] = name.split('.');
      const found = schema.getType(type);
      expect(found && isObjectType(found) ? Object.keys(found.getFields()) : []).toContain(field);
    }
  });

  it('classifies every verb (the Record type makes it exhaustive; this guards its values)', () => {
    for (const verb of Object.values(ActivityVerb)) {
      expect(ACTIVITY_FAMILIES).toContain(VERB_FAMILY[verb]);
    }
  });

  it('reads the families of the types selected, closed over what decides their content and visibility', () => {
    expect(sut('{ organisations(first: 5) { edges { node { name specialisms { label } } } } }')).toEqual([
      GEOGRAPHY,
      ORGANISATIONS,
    ]);
    expect(sut('query ($id: ID!) { network(id: $id) { name members { organisation { name } } } }')).toEqual([
      GEOGRAPHY,
      ORGANISATIONS,
      NETWORKS,
    ]);
    expect(sut('query ($id: ID!) { event(id: $id) { title } }')).toEqual([GEOGRAPHY, ORGANISATIONS, NETWORKS, EVENTS]);
    expect(sut('query ($id: ID!) { jointPosition(id: $id) { title sections { heading } } }')).toEqual([
      GEOGRAPHY,
      ORGANISATIONS,
      NETWORKS,
      DRAFTING,
    ]);
    expect(sut('{ coverage { national { areasWithActiveNetwork population } } }')).toEqual([
      GEOGRAPHY,
      ORGANISATIONS,
      NETWORKS,
      COVERAGE,
      INFLUENCING,
    ]);
  });

  it("reads every family whose activity names a network for fields that read an area's last activity, not identity", () => {
    const all = ACTIVITY_FAMILIES.filter((family) => family !== IDENTITY);
    expect(sut('{ coverage { national { green } } }')).toEqual(all);
    expect(sut('{ coverage { areas { status } } }')).toEqual(all);
    expect(sut('{ coverage { areas { lastActivityAt } } }')).toEqual(all);
    expect(sut('{ coverage { areas { population } } }')).toEqual([
      GEOGRAPHY,
      ORGANISATIONS,
      NETWORKS,
      COVERAGE,
      INFLUENCING,
    ]);
  });

  it('reads fields of fragments, and every possible type of a union', () => {
    expect(
      sut(
        `query ($id: ID!) { network(id: $id) { ...N } } fragment N on LocalNetwork { policeForceArea { coverage { population } } }`,
      ),
    ).toEqual([GEOGRAPHY, ORGANISATIONS, NETWORKS, COVERAGE, INFLUENCING]);
    expect(sut(`mutation ($i: EditSectionInput!) { editSection(input: $i) { __typename } }`)).toBeNull(); // a mutation is never cached (the root reads NEVER)
  });

  it('gives no read set to a document that reaches data changed without activity', () => {
    expect(sut('{ me { email } }')).toBeNull();
    expect(sut('{ organisations { edges { node { name } } } me { email } }')).toBeNull();
  });

  it('reads everything for a type it does not know', () => {
    const unknown = buildSchema('type Query { thing: Thing } type Thing { name: String }');
    expect(readSetOf(unknown, parse('{ thing { name } }'))).toEqual(ACTIVITY_FAMILIES);
  });

  it('closes dependencies transitively and keeps a stable order', () => {
    expect(withDependencies([COVERAGE])).toEqual(withDependencies([INFLUENCING, COVERAGE, NETWORKS]));
    expect(withDependencies([GEOGRAPHY])).toEqual([GEOGRAPHY]);
  });

  it('computes a document once per query text', () => {
    const cache = new ReadSets();
    const source = '{ specialisms { code } }';
    const first = cache.of(schema, source, parse(source));
    expect(cache.of(schema, source, parse('{ me { email } }'))).toBe(first);
  });

  it('charges the texts it keeps by their length: 100 texts padded to 100 kB are not all kept', () => {
    const cache = new ReadSets();
    const document = parse('{ policeForceAreas { code } }');
    const padded = (i: number) => `{ policeForceAreas { code } } # ${i} ${'x'.repeat(100_000)}`;
    for (let i = 0; i < 100; i++) {
      cache.of(schema, padded(i), document);
    }
    // A text kept answers from memory whatever document comes with it; one evicted is worked out from it again.
    const events = '{ events(first: 1) { totalCount } }';
    expect(sut(events)).not.toEqual(sut('{ policeForceAreas { code } }'));
    // Newest first: each text worked out again is kept, and would push out one not yet looked at.
    const kept = Array.from({ length: 100 }, (_, i) => cache.of(schema, padded(99 - i), parse(events)));
    expect(kept.filter((readSet) => !isEqual(readSet, sut(events))).length).toBeGreaterThan(0);
    expect(kept.filter((readSet) => isEqual(readSet, sut(events))).length).toBeGreaterThanOrEqual(
      100 - MAX_SOURCE_CHARS / 100_000,
    );
  });
});
