import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  type DocumentNode,
  type GraphQLSchema,
  isObjectType,
  Kind,
  NoUnusedFragmentsRule,
  parse,
  ProvidedRequiredArgumentsRule,
  specifiedRules,
  validate,
} from 'graphql';
import { projectRoot } from '@app/common';

/**
 * Every GraphQL operation the README shows, checked against the committed schema (itself checked
 * against the code in CI): `graphql` code blocks, the `"query":"…"` documents of `curl` examples,
 * and inline code in the prose that is GraphQL (an operation, or a selection such as `field { … }`).
 */
function readmeOperations(): { where: string; document: string }[] {
  const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
  const found: { where: string; document: string }[] = [];
  for (const block of readme.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)) {
    const [, language, body = ''] = block;
    const line = readme.slice(0, block.index).split('\n').length;
    if (language === 'graphql') {
      found.push({ where: `README.md:${line} (graphql block)`, document: body });
    }
    // A JSON string after "query": (in shell examples), read as JSON reads it.
    for (const query of body.matchAll(/"query"\s*:\s*("(?:[^"\\]|\\.)*")/g)) {
      found.push({
        where: `README.md:${line} (${language || 'text'} block)`,
        document: JSON.parse((query[1] ?? '""').replace(/\n\s*/g, ' ')) as string,
      });
    }
  }
  // Inline code, outside code blocks: `{ … }`, `query|mutation|subscription …`, or `field(…) { … }`.
  const prose = readme.replace(/^```[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, ' '));
  for (const span of prose.matchAll(/`([^`\n]+)`/g)) {
    const text = span[1] ?? '';
    if (/^(\{|(query|mutation|subscription)\b|[a-z]\w*(\([^)]*\))? \{)/.test(text) && text.trim().endsWith('}')) {
      const line = readme.slice(0, span.index).split('\n').length;
      found.push({ where: `README.md:${line} (inline \`${text.slice(0, 40)}…\`)`, document: text });
    }
  }
  return found;
}

/**
 * A selection such as `policeForceArea(code: "…") { offices { … } }` read as part of a larger
 * operation: valid if it validates on some type that has its first field (arguments the prose
 * leaves out are not required of it).
 */
function selectionErrors(schema: GraphQLSchema, text: string): string[] {
  const field = /^[a-z]\w*/.exec(text)?.[0] ?? '';
  const parents = Object.values(schema.getTypeMap()).filter(
    (type) => isObjectType(type) && !type.name.startsWith('__') && field in type.getFields(),
  );
  const rules = specifiedRules.filter(
    (rule) => rule !== NoUnusedFragmentsRule && rule !== ProvidedRequiredArgumentsRule,
  );
  const attempts = parents.map((parent) =>
    validate(schema, parse(`fragment Example on ${parent.name} { ${text} }`), rules).map((e) => e.message),
  );
  return attempts.some((errors) => errors.length === 0)
    ? []
    : [`no type with a field ${field} takes this selection: ${attempts.flat().join('; ') || 'no such field'}`];
}

/** One document per operation, so that several anonymous ones in a block each validate alone. */
function operationsOf(document: DocumentNode): DocumentNode[] {
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  return document.definitions
    .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => ({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments] }));
}

describe('README operations', () => {
  const schema = buildSchema(readFileSync(join(projectRoot(), 'schema', 'schema.graphql'), 'utf8'));
  const examples = readmeOperations();

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(examples.map((e) => [e.where, e.document] as const))('%s validates against the schema', (_where, text) => {
    if (/^(?!(query|mutation|subscription|fragment)\b)[a-z]/.test(text)) {
      expect(selectionErrors(schema, text)).toEqual([]);
      return;
    }
    const operations = operationsOf(parse(text));
    expect(operations.length).toBeGreaterThan(0);
    const errors = operations.flatMap((operation) => validate(schema, operation).map((e) => e.message));
    expect(errors).toEqual([]);
  });
});
