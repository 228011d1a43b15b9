import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Reads the source (no database, no app): every row lock goes through the one locked
 * transaction (`ActivityRecorder.transactionOn`, over `lockRow` in @app/database), and no
 * context's raw SQL names another context's tables (it asks the owning context instead).
 */
const ROOT = process.cwd(); // Jest runs from the repository's root
const LIBS = join(ROOT, 'libs');
/** Libraries that are not bounded contexts: they own no domain tables. */
const NOT_CONTEXTS = new Set(['common', 'database', 'testing']);
/** Coverage is a read model: it reads the other contexts' tables by design. */
const READ_MODELS = new Set(['coverage']);
/** Seeders load reference and demo data (with its activity items) straight into every table. */
const isSeeder = (path: string): boolean => path.includes('/seed/');

interface Source {
  readonly path: string;
  readonly context: string | null;
  readonly text: string;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'migrations' || entry.name === 'node_modules' ? [] : sourcesUnder(path);
    }
    return entry.name.endsWith('.ts') && !/\.(e2e-|int-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

const sources: Source[] = [
  ...readdirSync(LIBS).flatMap((lib) =>
    sourcesUnder(join(LIBS, lib, 'src')).map((path) => ({
      path,
      context: NOT_CONTEXTS.has(lib) ? null : lib,
      text: readFileSync(path, 'utf8'),
    })),
  ),
  ...sourcesUnder(join(ROOT, 'apps', 'api', 'src')).map((path) => ({
    path,
    context: null,
    text: readFileSync(path, 'utf8'),
  })),
];
const where = (source: Source, index: number): string =>
  `${relative(ROOT, source.path)}:${source.text.slice(0, index).split('\n').length}`;

/** Each table, by the context whose entities map it. */
const owners = new Map<string, string>();
for (const source of sources) {
  for (const [, table] of source.text.matchAll(/@Entity\(\s*'([a-z0-9_]+)'/g)) {
    if (source.context) {
      owners.set(table, source.context);
    }
  }
}

/** The text without its comments (kept as blank space, so line numbers hold): prose may name a lock. */
const code = (text: string): string =>
  text.replace(/\/\*[\s\S]*?\*\/|(?<![:'"`])\/\/[^\n]*/g, (comment) => comment.replace(/[^\n]/g, ' '));

/** String and template literals: where raw SQL lives (query builders' fragments included). */
function literals(text: string): { value: string; index: number }[] {
  return [...text.matchAll(/`(?:[^`\\]|\\.)*`|'(?:[^'\\\n]|\\.)*'/g)].map((m) => ({ value: m[0], index: m.index }));
}

describe('context boundaries', () => {
  it('finds the tables of every context', () => {
    expect(owners.get('local_network')).toBe('networks');
    expect(owners.get('joint_position')).toBe('drafting');
    expect(owners.get('police_force_area')).toBe('geography');
    expect(owners.get('event')).toBe('events');
    expect(owners.size).toBeGreaterThan(40);
  });

  it('locks rows only through the one locked transaction (and @app/database beneath it)', () => {
    const locks = sources.flatMap((source) =>
      relative(LIBS, source.path).startsWith(`database/`)
        ? []
        : [
            ...code(source.text).matchAll(
              /\bFOR\s+(?:NO\s+KEY\s+)?UPDATE\b|\bFOR\s+(?:KEY\s+)?SHARE\b|pessimistic_\w+|for_no_key_update|for_key_share|\.setLock\(|\block:\s*\{/g,
            ),
          ].map((m) => `${where(source, m.index)}: ${m[0]}`),
    );
    expect(locks).toEqual([]);
  });

  it("writes no raw SQL naming another context's tables", () => {
    const crossings = sources.flatMap((source) => {
      const context = source.context;
      if (!context || READ_MODELS.has(context) || isSeeder(source.path)) {
        return [];
      }
      return literals(source.text).flatMap(({ value, index }) =>
        [...value.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\s+([a-z][a-z0-9_]*)\b/g)]
          .filter(([, table]) => (owners.get(table) ?? context) !== context)
          .map(([, table]) => `${where(source, index)}: ${context} names ${table} (${owners.get(table)})`),
      );
    });
    // Query builders name a table as the first argument of a join or `from`.
    for (const source of sources) {
      const context = source.context;
      if (!context || READ_MODELS.has(context) || isSeeder(source.path)) {
        continue;
      }
      for (const m of source.text.matchAll(/\.(?:(?:inner|left)Join(?:AndSelect)?|from)\(\s*'([a-z][a-z0-9_]*)'/g)) {
        if ((owners.get(m[1]) ?? context) !== context) {
          crossings.push(`${where(source, m.index)}: ${context} names ${m[1]} (${owners.get(m[1])})`);
        }
      }
    }
    expect(crossings).toEqual([]);
  });
});
