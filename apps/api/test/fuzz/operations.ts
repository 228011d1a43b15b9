import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import { hostileFloat, hostileInt, hostileString, hostileValueFor, randomUuid } from './hostile-values';

/** Draws from fast-check inside a property (`fc.gen()`), so a failing run replays from its seed. */
export class Draw {
  constructor(private readonly g: fc.GeneratorValue) {}

  int(min: number, max: number): number {
    return this.g(fc.integer, { min, max });
  }

  chance(probability: number): boolean {
    return this.int(0, 999) < probability * 1000;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  double(): number {
    return this.g(fc.double, { noNaN: true, noDefaultInfinity: true });
  }

  string(): string {
    return this.g(fc.string, { unit: 'binary', maxLength: 40 });
  }
}

/** Values seen in answers, offered back as arguments: real ids, codes and cursors mixed with forged ones. */
export class ValuePool {
  readonly ids = new Set<string>();
  readonly codes = new Set<string>();
  readonly cursors = new Set<string>();
  readonly tokens = new Set<string>();

  /** Ids by what they name (`network`, `organisation`…), from the field they were read under. */
  readonly idsByKind = new Map<string, Set<string>>();

  /** An id of the kind an argument names (`networkId`, or `id` of `updateNetwork`), else any, else a new one. */
  id(draw: Draw, argument: string, rootField: string): string | undefined {
    const kind = argument.endsWith('Id')
      ? argument.slice(0, -2).toLowerCase()
      : [...this.idsByKind.keys()]
          .filter((k) => rootField.toLowerCase().includes(k))
          .sort((a, b) => b.length - a.length)[0];
    const typed = kind ? this.idsByKind.get(kind) : undefined;
    if (typed?.size && draw.chance(0.75)) {
      return draw.pick([...typed]);
    }
    return this.ids.size && draw.chance(0.6) ? draw.pick([...this.ids]) : undefined;
  }

  /** Collects ids, codes, cursors and tokens from an answer, bounded so pools stay cheap to draw from. */
  collect(value: unknown, under = ''): void {
    if (Array.isArray(value)) {
      value.forEach((item) => this.collect(item, under));
      return;
    }
    if (value === null || typeof value !== 'object') {
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      const kind = (key === 'id' ? under : key.endsWith('Id') ? key.slice(0, -2) : '').toLowerCase().replace(/s$/, '');
      if (typeof item === 'string' && kind && kind !== 'node' && kind !== 'edge') {
        const ids = this.idsByKind.get(kind) ?? new Set<string>();
        if (ids.size < 500) {
          ids.add(item);
        }
        this.idsByKind.set(kind, ids);
      }
      if (typeof item === 'string') {
        const pool =
          key === 'id' || key.endsWith('Id')
            ? this.ids
            : key === 'code' || key.endsWith('Code')
              ? this.codes
              : key === 'cursor' || key.endsWith('Cursor')
                ? this.cursors
                : key === 'token' || key.endsWith('Token')
                  ? this.tokens
                  : undefined;
        if (pool && pool.size < 2_000) {
          pool.add(item);
        }
      } else {
        // Connection nodes take the name of the list they are in (`networks.edges.node`).
        this.collect(item, key === 'edges' || key === 'node' ? under : key);
      }
    }
  }
}

export interface Operation {
  readonly kind: 'query' | 'mutation';
  readonly field: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

const MAX_SELECTION_DEPTH = 3;
const MAX_INPUT_DEPTH = 4;

/** A type-valid random operation on one root field, its arguments as variables (so any string survives). */
export function randomOperation(draw: Draw, schema: GraphQLSchema, pool: ValuePool): Operation {
  const kind = draw.chance(0.5) ? 'query' : 'mutation';
  const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  if (!root) {
    throw new Error(`the schema has no ${kind} type`);
  }
  const field = draw.pick(Object.values(root.getFields()));
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const args = argumentsFor(draw, field.args, pool, field.name, (arg, value) => {
    const name = `v${definitions.length}`;
    definitions.push(`$${name}: ${arg.type.toString()}`);
    variables[name] = value;
    return `$${name}`;
  });
  const selection = selectionFor(draw, field.type, pool, 1);
  const header = definitions.length ? `(${definitions.join(', ')})` : '';
  return { kind, field: field.name, query: `${kind}${header} { ${field.name}${args}${selection} }`, variables };
}

function argumentsFor(
  draw: Draw,
  args: readonly GraphQLArgument[],
  pool: ValuePool,
  root: string,
  variable: (arg: GraphQLArgument, value: unknown) => string,
): string {
  const given = args.flatMap((arg) => {
    if (!isNonNullType(arg.type) && draw.chance(0.4)) {
      return [];
    }
    return [`${arg.name}: ${variable(arg, inputValue(draw, arg.type, arg.name, pool, 0, root))}`];
  });
  return given.length ? `(${given.join(', ')})` : '';
}

/** Field-level arguments (e.g. `occurrences(from, to)`) are inlined as JSON-compatible literals. */
function inlineArguments(draw: Draw, args: readonly GraphQLArgument[], pool: ValuePool, root: string): string {
  const given = args.flatMap((arg) => {
    if (!isNonNullType(arg.type) && draw.chance(0.5)) {
      return [];
    }
    return [`${arg.name}: ${literal(inputValue(draw, arg.type, arg.name, pool, 0, root), arg.type)}`];
  });
  return given.length ? `(${given.join(', ')})` : '';
}

function inputValue(
  draw: Draw,
  type: GraphQLInputType,
  name: string,
  pool: ValuePool,
  depth: number,
  root: string,
): unknown {
  if (!isNonNullType(type)) {
    if (draw.chance(0.08)) {
      return null;
    }
    return inputValue(draw, getNullableType(type), name, pool, depth, root);
  }
  const inner = type.ofType;
  if (isListType(inner)) {
    const count = depth >= MAX_INPUT_DEPTH ? 0 : draw.pick([0, 1, 1, 2, 3, 8]);
    return Array.from({ length: count }, () => inputValue(draw, inner.ofType, name, pool, depth + 1, root));
  }
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      const required = isNonNullType(field.type);
      if (required || (depth < MAX_INPUT_DEPTH && draw.chance(0.6))) {
        value[field.name] = inputValue(draw, field.type, field.name, pool, depth + 1, root);
      }
    }
    return value;
  }
  if (isEnumType(inner)) {
    return draw.pick(inner.getValues()).name;
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'Int':
        return hostileInt(draw);
      case 'Float':
        return hostileFloat(draw);
      case 'Boolean':
        return draw.chance(0.5);
      case 'ID':
        return pool.id(draw, name, root) ?? (draw.chance(0.7) ? randomUuid(draw) : hostileString(draw));
      default:
        return hostileValueFor(draw, inner.name, name, pool);
    }
  }
  throw new Error(`unexpected input type ${String(inner)}`);
}

/** GraphQL literal syntax for a JSON value of an input type (enums unquoted, object keys bare). */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null) {
    return 'null';
  }
  const named = getNamedType(type);
  const nullable = getNullableType(type);
  if (isListType(nullable) && Array.isArray(value)) {
    return `[${value.map((item) => literal(item, nullable.ofType)).join(', ')}]`;
  }
  if (isEnumType(named) && typeof value === 'string') {
    return value;
  }
  if (isInputObjectType(named) && typeof value === 'object') {
    const fields = named.getFields();
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${key}: ${literal(item, fields[key].type)}`)
      .join(', ')} }`;
  }
  if (isScalarType(named) && named.name === 'JSONObject' && typeof value === 'object') {
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${key.replace(/\W/g, '') || 'k'}: ${JSON.stringify(item)}`)
      .join(', ')} }`;
  }
  // GraphQL string literals cannot hold unpaired surrogates (variables can, and carry them).
  return JSON.stringify(value).replace(
    /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/g,
    '\\ufffd',
  );
}

function selectionFor(draw: Draw, type: GraphQLOutputType, pool: ValuePool, depth: number): string {
  const named: GraphQLNamedType = getNamedType(type);
  if (isLeafType(named)) {
    return '';
  }
  if (isUnionType(named) || isInterfaceType(named)) {
    const members = isUnionType(named) ? named.getTypes() : [];
    // Aliased per member: members may have fields of one name and different types.
    const fragments = members.map(
      (member) => `... on ${member.name} { ${objectSelection(draw, member, pool, depth, `${member.name}_`)} }`,
    );
    return ` { __typename ${isInterfaceType(named) ? objectSelection(draw, named, pool, depth) : ''} ${fragments.join(' ')} }`;
  }
  if (isObjectType(named)) {
    return ` { ${objectSelection(draw, named, pool, depth)} }`;
  }
  throw new Error(`unexpected output type ${String(named)}`);
}

function objectSelection(
  draw: Draw,
  type: GraphQLObjectType | { getFields(): Record<string, GraphQLField<unknown, unknown>> },
  pool: ValuePool,
  depth: number,
  alias = '',
): string {
  const fields = Object.values(type.getFields());
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)));
  const nested = depth < MAX_SELECTION_DEPTH ? fields.filter((f) => !isLeafType(getNamedType(f.type))) : [];
  const chosen = new Set<GraphQLField<unknown, unknown>>();
  // Ids and cursors feed the pool; then a few random fields.
  for (const field of leaves) {
    if (field.name === 'id' || field.name === 'cursor' || field.name === 'endCursor' || field.name === 'code') {
      chosen.add(field);
    }
  }
  const leafCount = draw.int(1, Math.min(3, Math.max(1, leaves.length)));
  for (let i = 0; i < leafCount && leaves.length; i++) {
    chosen.add(draw.pick(leaves));
  }
  const nestedCount = nested.length ? draw.int(0, Math.min(2, nested.length)) : 0;
  for (let i = 0; i < nestedCount; i++) {
    chosen.add(draw.pick(nested));
  }
  // Some leaves take arguments (e.g. `text(revision:)`), and every object field may.
  const parts = [...chosen].map((field) => {
    const args = inlineArguments(draw, field.args, pool, field.name);
    const name = alias ? `${alias}${field.name}: ${field.name}` : field.name;
    return `${name}${args}${selectionFor(draw, field.type, pool, depth + 1)}`;
  });
  return parts.length ? parts.join(' ') : '__typename';
}
