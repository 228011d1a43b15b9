import { describe, expect, it, jest } from '@jest/globals';
import { GraphQLISODateTime } from '@nestjs/graphql';
import {
  execute,
  type DocumentNode,
  type ExecutionResult,
  getOperationAST,
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLError,
  type GraphQLFormattedError,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { GraphQLJSONObject, GraphQLLocalDate } from 'graphql-scalars';
import { compileQuery as jitCompileQuery } from 'graphql-jit';
import { type KeptWork, RequestLoaders } from '@app/common';
import { compiledExecutor, type Executor, spellsJitMarker } from './compiled-execution';
import { formatError } from './format-error';

const compileQuery = jest.fn(jitCompileQuery);

const Status = new GraphQLEnumType({
  name: 'Status',
  values: { ACTIVE: { value: 'active' }, ENDED: { value: 'ended' } },
});

/** Values a switch must quote and a duplicate value (graphql-js's Map keeps the last name). */
const Mood = new GraphQLEnumType({
  name: 'Mood',
  values: { HAPPY: { value: 'h"ap\\py' }, GLAD: { value: 'h"ap\\py' }, ODD: { value: '__proto__' } },
});

/** Values that are not strings: graphql-js's own serialize. */
const Level = new GraphQLEnumType({ name: 'Level', values: { LOW: { value: 1 }, HIGH: { value: 2 } } });

const refused = () => new GraphQLError('Not yours', { extensions: { code: 'FORBIDDEN', reason: 'NOT_A_MEMBER' } });

const Member: GraphQLObjectType = new GraphQLObjectType({
  name: 'Member',
  fields: () => ({
    id: { type: new GraphQLNonNull(GraphQLID) },
    name: { type: new GraphQLNonNull(GraphQLString) },
    nickname: { type: GraphQLString },
    status: { type: new GraphQLNonNull(Status) },
    joinedAt: { type: GraphQLISODateTime },
    born: { type: GraphQLLocalDate },
    profile: { type: GraphQLJSONObject },
    age: { type: GraphQLInt },
    secret: { type: GraphQLString, resolve: () => Promise.reject(refused()) },
    secretNonNull: { type: new GraphQLNonNull(GraphQLString), resolve: () => Promise.reject(refused()) },
    broken: {
      type: GraphQLString,
      resolve: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      },
    },
    thrownText: {
      type: GraphQLString,
      resolve: () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- what a careless library may do
        throw 'plain text';
      },
    },
    friend: { type: Member, resolve: (member: { friend?: unknown }) => Promise.resolve(member.friend ?? null) },
    tags: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
    mood: { type: Mood },
    level: { type: Level },
  }),
});

const ada = {
  id: 1,
  name: 'Ada',
  nickname: null,
  status: 'active',
  joinedAt: new Date('2026-03-01T09:30:00.000Z'),
  born: '1815-12-10',
  profile: { languages: ['en'], notes: null },
  age: 36,
  tags: ['maths', 'engines'],
  mood: 'h"ap\\py',
  level: 1,
};
const grace = {
  ...ada,
  id: '2',
  name: 'Grace',
  status: 'ended',
  friend: ada,
  tags: ['navy'],
  mood: '__proto__',
  level: 2,
};
const broken = {
  ...ada,
  id: '3',
  name: null,
  age: 'many',
  status: 'gone',
  tags: ['x', null],
  joinedAt: 'soon',
  mood: 'nope',
  level: 3,
};

const Filter = new GraphQLInputObjectType({
  name: 'Filter',
  fields: {
    status: { type: Status },
    since: { type: GraphQLISODateTime },
    names: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
    limit: { type: GraphQLInt, defaultValue: 10 },
  },
});

const StrictFilter = new GraphQLInputObjectType({
  name: 'StrictFilter',
  fields: { status: { type: new GraphQLNonNull(Status) } },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      members: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Member))),
        args: { filter: { type: Filter }, first: { type: GraphQLInt, defaultValue: 2 } },
        resolve: (_root, args: { filter?: { status?: string; names?: string[]; limit: number }; first: number }) =>
          [ada, grace]
            .filter((m) => !args.filter?.status || m.status === args.filter.status)
            .filter((m) => !args.filter?.names || args.filter.names.includes(m.name))
            .slice(0, Math.min(args.first, args.filter?.limit ?? 10)),
      },
      member: {
        type: Member,
        args: { id: { type: new GraphQLNonNull(GraphQLID) }, since: { type: GraphQLISODateTime } },
        resolve: (_root, args: { id: string; since?: Date }) =>
          [ada, grace, broken].find((m) => String(m.id) === args.id && (!args.since || args.since instanceof Date)),
      },
      membersOrNull: { type: new GraphQLList(Member), resolve: () => [ada, broken, grace] },
      required: { type: new GraphQLNonNull(Member), resolve: () => broken },
      echo: {
        type: GraphQLString,
        args: {
          filter: { type: Filter },
          flag: { type: GraphQLBoolean },
          statuses: { type: new GraphQLList(new GraphQLNonNull(Status)) },
          strict: { type: StrictFilter },
        },
        // Keys given as undefined show: a pipe could tell them from keys left out.
        resolve: (_root, args) => JSON.stringify(described(args)),
      },
    },
  }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: { touch: { type: GraphQLInt, resolve: () => 1 } },
  }),
});

function described(value: unknown): unknown {
  if (value === undefined) {
    return '<undefined>';
  }
  if (Array.isArray(value)) {
    return value.map(described);
  }
  if (value instanceof Date || value === null || typeof value !== 'object') {
    return value;
  }
  // Not the prototype: graphql-js makes input objects with none, graphql-jit plain ones (the pipes read both alike).
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, described(item)]));
}

/** What a client reads: Apollo's enrichment (a default code) and then ours (`formatError`). */
function asClientSees(result: ExecutionResult): unknown {
  return {
    ...result,
    errors: result.errors?.map((error): GraphQLFormattedError => {
      const extensions = { ...error.extensions, code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' };
      return formatError({ ...error.toJSON(), extensions }, error);
    }),
  };
}

const executor = (compileAfter = 0): Executor => compiledExecutor({ compileAfter, compile: compileQuery });

async function compare(query: string, variables?: Record<string, unknown>, sut = executor(), document = parse(query)) {
  const operation = getOperationAST(document) ?? undefined;
  const compiled = await sut({ schema, document, operation, context: {}, request: { variables } });
  const interpreted = await execute({ schema, document, contextValue: {}, variableValues: variables });
  return { compiled, interpreted, seen: asClientSees(compiled), expected: asClientSees(interpreted) };
}

describe('compiled execution (graphql-jit) answers as graphql-js does', () => {
  it('compiles a query and serialises scalars and enums with their own serialize', async () => {
    compileQuery.mockClear();
    const { seen, expected, compiled } = await compare(
      '{ members { id name nickname status joinedAt born profile age tags friend { name status } } }',
    );
    expect(compileQuery.mock.calls.length).toBe(1);
    expect(seen).toEqual(expected);
    expect(JSON.stringify(compiled)).toEqual(JSON.stringify(expected));
    expect(compiled.data?.members).toEqual([
      expect.objectContaining({ id: '1', status: 'ACTIVE', joinedAt: '2026-03-01T09:30:00.000Z', born: '1815-12-10' }),
      expect.objectContaining({ id: '2', status: 'ENDED', friend: { name: 'Ada', status: 'ACTIVE' } }),
    ]);
  });

  it('keeps resolver errors: message, code and extensions, path, locations; a null where the field is nullable', async () => {
    const { seen, expected } = await compare('{ members { name secret } }');
    expect(seen).toEqual(expected);
    expect(seen).toMatchObject({
      data: {
        members: [
          { name: 'Ada', secret: null },
          { name: 'Grace', secret: null },
        ],
      },
      errors: [
        {
          message: 'Not yours',
          path: ['members', 0, 'secret'],
          locations: [{ line: 1, column: 18 }],
          extensions: { code: 'FORBIDDEN', reason: 'NOT_A_MEMBER' },
        },
        expect.objectContaining({ path: ['members', 1, 'secret'] }),
      ],
    });
  });

  it('propagates a null to the nearest nullable parent, as graphql-js does', async () => {
    for (const query of [
      '{ member(id: "2") { name friend { name secretNonNull } } }',
      '{ membersOrNull { name } }',
      '{ membersOrNull { tags } }',
      '{ member(id: "1") { secretNonNull } }',
      '{ required { name } }',
      '{ members { secretNonNull } }',
    ]) {
      const { seen, expected } = await compare(query);
      expect({ query, seen }).toEqual({ query, seen: expected });
    }
  });

  it('masks unexpected errors the same way (a thrown TypeError, a thrown string, a null in a non-null field)', async () => {
    for (const query of ['{ members { broken } }', '{ members { thrownText } }', '{ required { id name } }']) {
      const { seen, expected } = await compare(query);
      expect({ query, seen }).toEqual({ query, seen: expected });
    }
    const { seen } = await compare('{ members { broken } }');
    expect((seen as { errors: unknown[] }).errors[0]).toEqual({
      message: 'Internal server error',
      path: ['members', 0, 'broken'],
      locations: [{ line: 1, column: 13 }],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('serialises enums as graphql-js does: quoted values, a value named twice, values that are not strings', async () => {
    const { seen, expected, compiled } = await compare('{ members { mood level } }');
    expect(seen).toEqual(expected);
    expect(compiled.data?.members).toEqual([
      { mood: 'GLAD', level: 'LOW' },
      { mood: 'ODD', level: 'HIGH' },
    ]);
  });

  it('fails a value its scalar or enum cannot serialise as graphql-js does', async () => {
    for (const query of [
      '{ member(id: "3") { age } }',
      '{ member(id: "3") { status } }',
      '{ member(id: "3") { mood } }',
      '{ member(id: "3") { level } }',
      '{ member(id: "3") { joinedAt } }',
    ]) {
      const { seen, expected } = await compare(query);
      expect({ query, seen }).toEqual({ query, seen: expected });
    }
  });

  it('reads variables as graphql-js does, and leaves refused variables to graphql-js (BAD_USER_INPUT upstream)', async () => {
    const query =
      'query M($filter: Filter, $first: Int, $id: ID!, $since: DateTime) { members(filter: $filter, first: $first) { name } member(id: $id, since: $since) { name } }';
    for (const variables of [
      { id: 1 },
      { id: '2', first: 1, filter: { status: 'ENDED' } },
      { id: '1', filter: { names: 'Ada', limit: null }, since: '2026-01-01T00:00:00Z' },
      { id: '1', filter: { names: ['Ada', 'Grace'] } },
      { id: null },
      {},
      { id: '1', filter: { status: 'active' } },
      { id: '1', first: 1.5 },
      { id: '1', filter: { unknown: 1 } },
      { id: '1', since: 'yesterday' },
    ]) {
      const { seen, expected } = await compare(query, variables);
      expect({ variables, seen }).toEqual({ variables, seen: expected });
    }
    const { compiled } = await compare(query, { id: null });
    expect(compiled.data).toBeUndefined();
    expect(compiled.errors?.[0]?.nodes?.[0]?.kind).toBe('VariableDefinition'); // what Apollo needs for BAD_USER_INPUT
  });

  it('passes resolvers the arguments graphql-js passes', async () => {
    for (const query of [
      '{ echo }',
      '{ echo(flag: true, filter: { status: ACTIVE, names: "one" }) }',
      'query E($f: Boolean) { echo(flag: $f) }',
      'query E($f: Filter) { echo(filter: $f) }',
      'query E($s: Status) { echo(filter: { status: $s, limit: 3 }) }',
      '{ echo(filter: { since: "2026-01-01T00:00:00Z" }) }',
    ]) {
      const { seen, expected } = await compare(query, {});
      expect({ query, seen }).toEqual({ query, seen: expected });
    }
    const given: [string, Record<string, unknown>][] = [
      [
        'query E($f: Filter) { echo(filter: $f) }',
        { f: { status: 'ACTIVE', names: 'x', since: '2026-01-01T00:00:00Z' } },
      ],
      ['query E($f: Filter) { echo(filter: $f) }', { f: null }],
      ['query E($f: Boolean) { echo(flag: $f) }', { f: null }],
      ['query E($s: Status) { echo(filter: { status: $s, limit: 3 }) }', { s: 'ENDED' }],
      ['query E($s: Status, $l: Int) { echo(filter: { status: $s, limit: $l }) }', { s: null }],
      ['query E($n: String) { echo(filter: { names: [$n] }) }', {}],
    ];
    for (const [query, variables] of given) {
      const { seen, expected } = await compare(query, variables);
      expect({ query, variables, seen }).toEqual({ query, variables, seen: expected });
    }
  });

  it('handles aliases, fragments, @skip and @include', async () => {
    const { seen, expected } = await compare(
      `query Q($yes: Boolean!) { a: members(first: 1) { ...M } b: members { n: name nickname @skip(if: $yes) id @include(if: $yes) } }
       fragment M on Member { name friend { ...F } }
       fragment F on Member { id status }`,
      { yes: true },
    );
    expect(seen).toEqual(expected);
  });

  it('answers a fragment spread both under @include and without it as graphql-js does (left to graphql-js)', async () => {
    compileQuery.mockClear();
    const query = `query Q($full: Boolean!) { a: member(id: "1") { id ...N @include(if: $full) } b: member(id: "1") { id ...N } }
       fragment N on Member { name }`;
    const sut = executor();
    const document = parse(query);
    for (let run = 0; run < 3; run++) {
      const { seen, expected } = await compare(query, { full: false }, sut, document);
      expect(seen).toEqual(expected);
      expect(seen).toMatchObject({ data: { b: { id: '1', name: 'Ada' } } });
    }
    // Another operation of the same document (Apollo keeps one per text) spreads it unconditionally.
    const two = parse(`query A($x: Boolean!) { member(id: "1") { id ...N @include(if: $x) } }
       query B { member(id: "1") { id ...N } }
       fragment N on Member { name }`);
    const run = (name: string, variables?: Record<string, unknown>) =>
      sut({
        schema,
        document: two,
        operation: two.definitions.find(
          (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
        ),
        context: {},
        request: { variables, operationName: name },
      });
    for (let round = 0; round < 2; round++) {
      await run('A', { x: false });
    }
    for (let round = 0; round < 2; round++) {
      expect(await run('B')).toEqual({ data: { member: { id: '1', name: 'Ada' } } });
    }
    expect(compileQuery.mock.calls.length).toBe(0);
  });

  it('leaves to graphql-js the names graphql-jit misreads: aliases with _, variables named __…, custom scalar defaults', async () => {
    compileQuery.mockClear();
    const sut = executor();
    const cases: [string, Record<string, unknown>?][] = [
      // graphql-jit keys resolve info by response path joined with `_`: these two met.
      ['{ friend_member: members { name } member(id: "2") { friend { id } } }'],
      ['{ member(id: "1") { __proto__: name id } }'],
      [
        'query Q($__proto__: Boolean) { echo(flag: $__proto__) }',
        JSON.parse('{"__proto__": true}') as Record<string, unknown>,
      ],
      ['query Q($since: DateTime = "2026-01-01T00:00:00Z") { member(id: "1", since: $since) { id } }', {}],
    ];
    for (const [query, variables] of cases) {
      const document = parse(query);
      for (let run = 0; run < 2; run++) {
        const { seen, expected } = await compare(query, variables, sut, document);
        expect(seen).toEqual(expected);
      }
    }
    expect(compileQuery.mock.calls.length).toBe(0);
  });

  it('answers as graphql-js where graphql-jit would give more errors under a nulled parent, or another order', async () => {
    const sut = executor();
    for (const query of [
      '{ member(id: "1") { secretNonNull again: secretNonNull } }',
      '{ membersOrNull { secretNonNull } }',
      '{ member(id: "2") { friend { secretNonNull } broken } }',
    ]) {
      const document = parse(query);
      for (let run = 0; run < 2; run++) {
        const { seen, expected } = await compare(query, undefined, sut, document);
        expect(seen).toEqual(expected);
      }
    }
  });

  it('runs an answer with errors again on graphql-js with loaders of its own, as a new request would, keeping its kept work', async () => {
    const runs = {};
    const counter = {
      createLoaders: (kept: KeptWork) => ({ count: 0, runs: kept.get(runs, () => ({ n: 0 })) }),
    };
    const counting = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          counted: {
            type: GraphQLInt,
            resolve: (_root, _args, context: { loaders: RequestLoaders }) => ++context.loaders.of(counter).count,
          },
          // A budget of work (drafting's history): shared by both runs, not given afresh to the second.
          kept: {
            type: GraphQLInt,
            resolve: (_root, _args, context: { loaders: RequestLoaders }) => ++context.loaders.of(counter).runs.n,
          },
          refused: { type: GraphQLString, resolve: () => Promise.reject(refused()) },
        },
      }),
    });
    const document = parse('{ counted kept refused }');
    const operation = getOperationAST(document) ?? undefined;
    const result = await executor()({
      schema: counting,
      document,
      operation,
      context: { loaders: new RequestLoaders() },
      request: {},
    });
    expect(result.data).toEqual({ counted: 1, kept: 2, refused: null });
    expect(result.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
  });

  it('leaves mutations, introspection and documents with no operation chosen to graphql-js', async () => {
    compileQuery.mockClear();
    for (const query of [
      'mutation { touch }',
      '{ __schema { queryType { name } } }',
      '{ __type(name: "Member") { name } }',
    ]) {
      const { seen, expected } = await compare(query);
      expect(seen).toEqual(expected);
    }
    const document = parse('query A { members { name } } query B { echo }');
    const result = await executor()({ schema, document, context: {}, request: {} });
    expect(result.errors?.[0]?.message).toBe('Must provide operation name if query contains multiple operations.');
    expect(compileQuery.mock.calls.length).toBe(0);
  });

  it('compiles an operation once, after it has run `compileAfter` times on graphql-js', async () => {
    compileQuery.mockClear();
    const sut = executor(2);
    const document = parse('{ members { name } }');
    const operation = getOperationAST(document) ?? undefined;
    const request = { schema, document, operation, context: {}, request: {} };
    const results = [];
    for (let run = 0; run < 5; run++) {
      results.push(await sut(request));
    }
    expect(compileQuery.mock.calls.length).toBe(1);
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
    // Another parse of the same text is another document (Apollo keeps one per query text).
    await sut({ ...request, document: parse('{ members { name } }') });
    expect(compileQuery.mock.calls.length).toBe(1);
  });

  it('passes no null where graphql-js refuses one: a variable inside a list or object literal given null or left out', async () => {
    for (const query of [
      'query E($s: Status = ACTIVE) { echo(statuses: [$s]) }',
      'query E($s: Status = ACTIVE) { echo(strict: { status: $s }) }',
      'query E($s: Status = ACTIVE) { echo(statuses: [ENDED, $s], strict: { status: ENDED }) }',
    ]) {
      for (const variables of [{ s: null }, {}, { s: 'ENDED' }]) {
        const { seen, expected } = await compare(query, variables);
        expect({ query, variables, seen }).toEqual({ query, variables, seen: expected });
      }
    }
    const { seen } = await compare('query E($s: Status = ACTIVE) { echo(statuses: [$s]) }', { s: null });
    expect(seen).toMatchObject({ errors: [{ message: expect.stringContaining('has invalid value') }] });
  });
});

const MAGIC_DATE = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d';

describe('compiled execution never compiles what graphql-jit would turn into code', () => {
  it('answers a literal spelling a graphql-jit marker on graphql-js, and runs none of it', async () => {
    compileQuery.mockClear();
    const sut = executor();
    const owned = (globalThis as { owned?: unknown }).owned;
    for (const query of [
      `{ member(id: "${MAGIC_DATE}(globalThis.owned = process.pid, 0)") { name } }`,
      `{ echo(filter: { names: ["${MAGIC_DATE}(globalThis.owned = 1, 0)"] }) }`,
      `query E($f: Boolean = true) { echo(flag: $f, filter: { names: "\\u005F_MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d(globalThis.owned = 2, 0)" }) }`,
    ]) {
      const document = parse(query);
      for (let run = 0; run < 3; run++) {
        const { seen, expected } = await compare(query, {}, sut, document);
        expect({ query, seen }).toEqual({ query, seen: expected });
      }
    }
    expect((globalThis as { owned?: unknown }).owned).toBe(owned);
    expect(compileQuery.mock.calls.length).toBe(0);
  });

  it('finds a marker in any string or name, escaped or in a block string, in defaults and directives', () => {
    for (const query of [
      `{ member(id: "${MAGIC_DATE}1") { name } }`,
      '{ member(id: "\\u005F_MAGIC_NAN__") { name } }',
      '{ member(id: """ __MAGIC_PLUS_INFINITY__ """) { name } }',
      'query Q($id: ID! = "x__MAGIC_MINUS_INFINITY__") { member(id: $id) { name } }',
      '{ member(id: "1") { name @skip(if: false) @deprecated(reason: "__MAGIC_DATE__") } }',
      '{ echo(filter: { names: [["a", "__MAGIC_"]] }) }',
      '{ __MAGIC_DATE__x: echo }',
    ]) {
      expect({ query, spells: spellsJitMarker(parse(query)) }).toEqual({ query, spells: true });
    }
    for (const query of ['{ member(id: "__MAGIC") { name } }', '{ echo(filter: { names: "_MAGIC_DATE__" }) }']) {
      expect({ query, spells: spellsJitMarker(parse(query)) }).toEqual({ query, spells: false });
    }
  });
});

describe('compiled execution bounds what compiling costs', () => {
  const run = async (sut: Executor, document: DocumentNode) => {
    const operation = getOperationAST(document) ?? undefined;
    return sut({ schema, document, operation, context: {}, request: {} });
  };
  const [a, b, c] = ['{ members { id } }', '{ members { name } }', '{ members { status } }'].map((text) =>
    parse(text),
  ) as [DocumentNode, DocumentNode, DocumentNode];

  it('keeps at most `maxCompiled` compiled operations, the least recently used going first', async () => {
    compileQuery.mockClear();
    const sut = compiledExecutor({ compileAfter: 0, compile: compileQuery, maxCompiled: 2 });
    await run(sut, a);
    await run(sut, b);
    await run(sut, a); // a is now the most recently used
    expect(compileQuery.mock.calls.length).toBe(2);
    await run(sut, c); // evicts b
    await run(sut, a);
    expect(compileQuery.mock.calls.length).toBe(3);
    const again = await run(sut, b); // compiled again
    expect(compileQuery.mock.calls.length).toBe(4);
    expect(again).toEqual(await execute({ schema, document: b, contextValue: {} }));
  });

  it('compiles at most `compiles` operations per window, and compiles the rest at later runs', async () => {
    compileQuery.mockClear();
    let clock = 1_000_000;
    const sut = compiledExecutor({
      compileAfter: 0,
      compile: compileQuery,
      compileBudget: { compiles: 2, windowMs: 10_000 },
      now: () => clock,
    });
    for (const document of [a, b, c]) {
      const result = await run(sut, document);
      expect(result).toEqual(await execute({ schema, document, contextValue: {} }));
    }
    expect(compileQuery.mock.calls.length).toBe(2); // c ran on graphql-js
    clock += 4_999; // not yet a whole compile earned back
    await run(sut, c);
    expect(compileQuery.mock.calls.length).toBe(2);
    clock += 1;
    await run(sut, c);
    expect(compileQuery.mock.calls.length).toBe(3);
    await run(sut, c); // compiled: no budget spent
    clock += 60_000; // the budget refills to its size, no further
    for (const text of ['{ members { age } }', '{ members { tags } }', '{ members { born } }']) {
      await run(sut, parse(text));
    }
    expect(compileQuery.mock.calls.length).toBe(5);
  });
});
