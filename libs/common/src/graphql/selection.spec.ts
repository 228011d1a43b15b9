import { describe, expect, it } from '@jest/globals';
import { type FieldNode, type FragmentDefinitionNode, Kind, parse } from 'graphql';
import { DEEPER, fieldsAt, selects, selectsWithDefaults } from './selection';

/** The `members` field of a document, as graphql-js hands it to its resolver. */
function infoOf(document: string): Parameters<typeof selects>[0] {
  const parsed = parse(document, { noLocation: true });
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const fieldNodes: FieldNode[] = [];
  const visit = (node: unknown): void => {
    if (node && typeof node === 'object') {
      if ((node as FieldNode).kind === Kind.FIELD && (node as FieldNode).name.value === 'members') {
        fieldNodes.push(node as FieldNode);
      }
      Object.values(node).forEach(visit);
    }
  };
  parsed.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).forEach(visit);
  return { fieldNodes, fragments };
}

describe('selects', () => {
  it('finds a subfield asked directly, in an inline fragment or a named one', () => {
    expect(selects(infoOf('{ network { members { id organisation { id } } } }'), 'organisation')).toBe(true);
    expect(selects(infoOf('{ network { members { ... on M { organisation { id } } } } }'), 'organisation')).toBe(true);
    expect(
      selects(infoOf('{ network { members { ...M } } } fragment M on M { organisation { id } }'), 'organisation'),
    ).toBe(true);
  });

  it('follows a path of subfields', () => {
    const info = infoOf('{ network { members { organisation { localAuthorities { code } } } } }');
    expect(selects(info, 'organisation', 'localAuthorities')).toBe(true);
    expect(selects(info, 'organisation', 'specialisms')).toBe(false);
    expect(selects(info, 'localAuthorities')).toBe(false);
  });

  it('does not find one that is not asked, or asked only deeper down', () => {
    expect(selects(infoOf('{ network { members { id role } } }'), 'organisation')).toBe(false);
    expect(selects(infoOf('{ network { members { network { organisation { id } } } } }'), 'organisation')).toBe(false);
  });
});

describe('fieldsAt', () => {
  it('names the fields asked at a path, through aliases and fragments of both kinds', () => {
    const info = infoOf(
      '{ network { members { organisation { id a: name ... on O { website } ...F } } } } fragment F on O { kind }',
    );
    expect(fieldsAt(info, 'organisation')).toEqual(new Set(['id', 'name', 'website', 'kind']));
    expect(fieldsAt(info)).toEqual(new Set(['organisation']));
    expect(fieldsAt(info, 'nothing')).toEqual(new Set());
  });

  it('names no field of fragments nested past its depth, only DEEPER (so a reader reads everything)', () => {
    const nested = (depth: number): string =>
      `{ network { members { organisation { id ${'... { '.repeat(depth)}contactEmail${' }'.repeat(depth)} } } } }`;
    expect(fieldsAt(infoOf(nested(8)), 'organisation')).toEqual(new Set(['id', 'contactEmail']));
    const deep = fieldsAt(infoOf(nested(9)), 'organisation');
    expect(deep.has('contactEmail')).toBe(false);
    expect(deep).toEqual(new Set(['id', DEEPER]));
  });

  it('gives DEEPER at a path reached only past its depth, and selects finds any path there', () => {
    const nested = `{ network { members { ${'... { '.repeat(9)}organisation { id }${' }'.repeat(9)} } } }`;
    expect(fieldsAt(infoOf(nested), 'organisation')).toEqual(new Set([DEEPER]));
    expect(fieldsAt(infoOf(nested), 'organisation', 'localAuthorities')).toEqual(new Set([DEEPER]));
    expect(selects(infoOf(nested), 'organisation')).toBe(true);
    expect(selects(infoOf(nested), 'anything', 'at', 'all')).toBe(true);
  });
});

describe('selectsWithDefaults', () => {
  const path = ['organisation', 'networks'];
  it('is true where a node asks without the arguments, in any alias or fragment', () => {
    expect(
      selectsWithDefaults(infoOf('{ n { members { organisation { networks { id } } } } }'), path, ['status']),
    ).toBe(true);
    const both =
      '{ n { members { organisation { a: networks(status: X) { id } ...F } } } } fragment F on O { networks { id } }';
    expect(selectsWithDefaults(infoOf(both), path, ['status'])).toBe(true);
    expect(
      selectsWithDefaults(infoOf('{ n { members { organisation { networks(first: 2) { id } } } } }'), path, ['status']),
    ).toBe(true);
  });

  it('is false where every node gives one of them, or none asks', () => {
    const info = infoOf(
      '{ n { members { organisation { networks(status: X) { id } b: networks(status: $s) { id } } } } }',
    );
    expect(selectsWithDefaults(info, path, ['status'])).toBe(false);
    expect(selectsWithDefaults(infoOf('{ n { members { organisation { id } } } }'), path, ['status'])).toBe(false);
  });

  it('is true behind fragments nested deeper than it looks', () => {
    const deep = `{ n { members { organisation { ${'... { '.repeat(10)}networks(status: X) { id }${' }'.repeat(10)} } } } }`;
    expect(selectsWithDefaults(infoOf(deep), path, ['status'])).toBe(true);
  });
});
