import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { projectRoot } from '@app/common';

/** The refusal enums' own files, where reasons are declared rather than given. */
const DECLARATIONS = /(\.errors|refusal-reason|refusal-reasons)\.ts$/;

/** Source files (no specs) under the API and the contexts: where refusals are thrown. */
function sources(dir: string, declarations = false): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' || entry.name === 'test' ? [] : sources(path, declarations);
    }
    const source = /\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name);
    return source && DECLARATIONS.test(path) === declarations ? [path] : [];
  });
}

/**
 * Each context's refusal enum, read from its source (importing the contexts would load the whole
 * app; the typecheck already proves each enum has a description and the schema lists them all).
 */
function refusalEnums(root: string): Map<string, { file: string; members: [string, string][] }> {
  const files = sources(join(root, 'libs'), true);
  const enums = new Map<string, { file: string; members: [string, string][] }>();
  for (const file of files) {
    for (const [, name, body = ''] of readFileSync(file, 'utf8').matchAll(/export enum (\w+Refusal) \{([^}]*)\}/g)) {
      const members = [...body.matchAll(/(\w+) = '([^']*)'/g)].map(
        ([, key, value]) => [key, value] as [string, string],
      );
      enums.set(name, { file: relative(root, file), members });
    }
  }
  return enums;
}

describe('refusal reasons', () => {
  const root = projectRoot();
  const enums = refusalEnums(root);
  const reasons = [...enums.values()].flatMap((e) => e.members.map(([, value]) => value));

  it('has one enum per context, each reason in one of them only, named as its value', () => {
    expect([...enums.keys()].sort()).toEqual([
      'ActivityRefusal',
      'CommonRefusal',
      'DraftingRefusal',
      'EventRefusal',
      'IdentityRefusal',
      'InfluencingRefusal',
      'NetworkRefusal',
      'OrganisationRefusal',
      'WebhookRefusal',
    ]);
    expect(reasons.length).toBe(new Set(reasons).size);
    for (const { members } of enums.values()) {
      for (const [key, value] of members) {
        expect(value).toBe(key);
        expect(value).toMatch(/^[A-Z][A-Z_]*[A-Z]$/);
      }
    }
  });

  it('documents every reason, and no other, in the committed schema', () => {
    const schema = buildSchema(readFileSync(join(root, 'schema/schema.graphql'), 'utf8'));
    const type = schema.getType('RefusalReason');
    if (!isEnumType(type)) {
      throw new Error('schema/schema.graphql has no RefusalReason enum');
    }
    expect(type.description).toMatch(/extensions\.reason/);
    const documented = Object.fromEntries(type.getValues().map((v) => [v.name, v.description ?? '']));
    expect(Object.keys(documented).sort()).toEqual([...reasons].sort());
    for (const [reason, description] of Object.entries(documented)) {
      expect({ reason, described: description.length > 10 }).toEqual({ reason, described: true });
    }
  });

  it('has every reason given by at least one throw site in the code', () => {
    const files = [...sources(join(root, 'libs')), ...sources(join(root, 'apps/api/src'))];
    const used = new Set<string>();
    const enumNames = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // `XRefusal.REASON` (the enums are all named `…Refusal`).
      for (const [, enumName, reason] of text.matchAll(/\b(\w+Refusal)\.([A-Z][A-Z_]*[A-Z])\b/g)) {
        used.add(reason);
        enumNames.add(enumName);
      }
    }
    expect(files.length).toBeGreaterThan(100);
    expect(reasons.filter((reason) => !used.has(reason))).toEqual([]);
    // A name that looks like a reason but is none would be a typo the typecheck missed.
    expect([...used].filter((reason) => !reasons.includes(reason))).toEqual([]);
    expect([...enumNames].sort()).toEqual([...enums.keys()].sort());
    expect(relative(root, files[0] ?? '')).not.toMatch(/^\.\./);
  });

  it('leaves no refusal without a reason: every DomainError is built with one', () => {
    // The constructor's second argument is typed as the union of the enums; this guards against a cast.
    const files = [...sources(join(root, 'libs')), ...sources(join(root, 'apps/api/src'))];
    const casts = files.filter((file) =>
      /new DomainError\([^)]*\bas (any|unknown|never)\b/.test(readFileSync(file, 'utf8')),
    );
    expect(casts).toEqual([]);
  });
});
