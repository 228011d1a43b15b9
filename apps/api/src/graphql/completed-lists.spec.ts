import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  execute,
  GraphQLBoolean,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { shareList } from '@app/common';
import { answerBytes } from './answer-bytes';
import {
  answerAsBytes,
  completedLists,
  completeSharedListsOnce,
  stringifyAnswer,
  WRITTEN_IN_PIECES,
} from './completed-lists';

interface Item {
  name: string | null;
  done: boolean;
}

const owner = new GraphQLObjectType<unknown, { viewer: string }>({
  name: 'Owner',
  fields: { name: { type: GraphQLString } },
});
const item = new GraphQLObjectType<Item, { viewer: string }>({
  name: 'Item',
  fields: {
    name: { type: new GraphQLNonNull(GraphQLString) },
    done: { type: GraphQLBoolean },
    // Per viewer: non-null object fields with a resolver, one answered at once, one later.
    owner: { type: new GraphQLNonNull(owner), resolve: (_item, _args, { viewer }) => ({ name: viewer }) },
    later: {
      type: new GraphQLNonNull(owner),
      resolve: (_item, _args, { viewer }) => Promise.resolve({ name: viewer }),
    },
  },
});
// Shown only to staff: null (synchronously) for anyone else.
const secretive = new GraphQLObjectType<Item, { viewer: string }>({
  name: 'Secretive',
  fields: {
    name: { type: GraphQLString },
    secret: { type: owner, resolve: (_item, _args, { viewer }) => (viewer === 'staff' ? { name: viewer } : null) },
  },
});
// Like Item, but a leaf field has a resolver of its own: its lists are never shared.
const computed = new GraphQLObjectType<Item, { viewer: string }>({
  name: 'Computed',
  fields: {
    name: { type: GraphQLString },
    mine: { type: GraphQLBoolean, resolve: (_item, _args, { viewer }) => viewer === 'a' },
  },
});

/** Lists the resolvers give: `lists.shared` is one frozen list for every run. */
const lists = {
  shared: Object.freeze<Item[]>([
    { name: 'one', done: false },
    { name: 'two – ünïcode', done: true },
  ]),
  unfrozen: [{ name: 'one', done: false }] as Item[],
  broken: Object.freeze<Item[]>([{ name: null, done: false }]),
  other: Object.freeze<Item[]>([{ name: 'three', done: false }]),
};

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      shared: {
        type: new GraphQLList(new GraphQLNonNull(item)),
        resolve: (_r, _a, _c, info) => shareList(lists.shared, info),
      },
      unfrozen: { type: new GraphQLList(item), resolve: (_r, _a, _c, info) => shareList(lists.unfrozen, info) },
      broken: { type: new GraphQLList(item), resolve: (_r, _a, _c, info) => shareList(lists.broken, info) },
      other: { type: new GraphQLList(item), resolve: (_r, _a, _c, info) => shareList(lists.other, info) },
      // The same items, returned as they are (not through shareList), by a field whose type reads the viewer.
      raw: { type: new GraphQLList(computed), resolve: () => Promise.resolve(lists.shared) },
      maybe: { type: new GraphQLList(secretive), resolve: (_r, _a, _c, info) => shareList(lists.shared, info) },
      computed: { type: new GraphQLList(computed), resolve: (_r, _a, _c, info) => shareList(lists.shared, info) },
    },
  }),
});

function compiled(query: string) {
  const compiledQuery = compileQuery(schema, parse(query));
  if (!isCompiledQuery(compiledQuery)) {
    throw new Error('not compiled');
  }
  return async (viewer = 'a') => {
    const result = await compiledQuery.query(undefined, { viewer }, {});
    const interpreted = await execute({ schema, document: parse(query), contextValue: { viewer } });
    expect(JSON.parse(stringifyAnswer(result))).toEqual(JSON.parse(JSON.stringify(interpreted)));
    return result as { data: Record<string, unknown>; errors?: unknown[] };
  };
}

describe('shared lists completed once per selection', () => {
  beforeAll(async () => completeSharedListsOnce());

  it('hands a shared list of leaves the same completion every run, and writes it as JSON.stringify does', async () => {
    const run = compiled('{ shared { name done } again: shared { done } }');
    const served = completedLists.served;
    const first = await run();
    const second = await run('b');
    expect(second.data.shared).toBe(first.data.shared);
    expect(second.data.again).toBe(first.data.again);
    expect(second.data.again).not.toBe(second.data.shared); // another selection, another completion
    expect(completedLists.served - served).toBe(2);
    expect(Object.isFrozen(first.data.shared)).toBe(true);
    // Written in place and by itself: the same text either way, and text beyond ASCII kept.
    expect(stringifyAnswer(second)).toBe(JSON.stringify(second));
    expect(JSON.stringify(second.data.shared)).toBe(
      '[{"name":"one","done":false},{"name":"two – ünïcode","done":true}]',
    );
    expect(stringifyAnswer({ list: second.data.shared, again: second.data.shared })).toBe(
      JSON.stringify({ list: second.data.shared, again: second.data.shared }),
    );
    // In bytes, each completion's copied in: the same bytes as the text, and its length in UTF-16 units.
    for (const value of [second, { list: second.data.shared, again: second.data.shared, é: 'à' }, { none: [] }]) {
      const text = `${JSON.stringify(value)}\n`;
      const { bytes, characters } = answerAsBytes(value, '\n');
      expect(bytes.equals(Buffer.from(text))).toBe(true);
      expect(characters).toBe(text.length);
    }
  });

  it('keeps completions for answers written in pieces apart: items frozen, the list plain (V8 writes it the fast way)', async () => {
    const compiledQuery = compileQuery(schema, parse('{ shared { name done } }'));
    if (!isCompiledQuery(compiledQuery)) {
      throw new Error('not compiled');
    }
    const run = async (inPieces: boolean) =>
      (await compiledQuery.query(undefined, { viewer: 'a', [WRITTEN_IN_PIECES]: inPieces }, {})) as {
        data: { shared: object[] };
      };
    const whole = await run(false);
    const [pieces, again] = [await run(true), await run(true)];
    expect(again.data.shared).toBe(pieces.data.shared); // kept, for answers in pieces
    expect(pieces.data.shared).not.toBe(whole.data.shared);
    expect((await run(false)).data.shared).toBe(whole.data.shared);
    expect(Object.isFrozen(whole.data.shared)).toBe(true);
    expect(Object.isFrozen(pieces.data.shared)).toBe(false);
    expect(pieces.data.shared.every((entry) => Object.isFrozen(entry))).toBe(true);
    expect(Object.getOwnPropertyNames(pieces.data.shared)).not.toContain('toJSON');
    expect(answerBytes(pieces, true).bytes.toString()).toBe(`${JSON.stringify(whole)}\n`);
  });

  it('completes per run where a viewer could change the answer: object fields, later answers, leaf resolvers', async () => {
    const queries = [
      '{ shared { name owner { name } } }',
      '{ shared { name later { name } } }',
      '{ computed { name mine } }',
      '{ shared { name } raw { name mine } }',
    ];
    for (const query of queries) {
      const run = compiled(query);
      const field = /computed|raw/.exec(query)?.[0] ?? 'shared';
      const served = completedLists.served;
      const first = await run('a');
      const second = await run('b');
      expect(second.data[field]).not.toBe(first.data[field]);
      expect(JSON.stringify(second.data[field])).not.toBe(JSON.stringify(first.data[field]));
      expect(completedLists.served - served).toBe(field === 'raw' ? 1 : 0); // `shared { name }` only
    }
  });

  it('completes per run a list not frozen, and one whose completion had errors', async () => {
    for (const field of ['unfrozen', 'broken']) {
      const run = compiled(`{ ${field} { name done } }`);
      const first = await run();
      const second = await run();
      expect(second.data[field]).not.toBe(first.data[field]);
      expect(first.errors?.length ?? 0).toBe(field === 'broken' ? 1 : 0);
      expect(second.errors?.length ?? 0).toBe(field === 'broken' ? 1 : 0);
    }
  });

  it('keeps every selection of a list, each by the place in the compiled query that asked it', async () => {
    const runs = ['name', 'done', 'name done', 'done name', 'a: name', 'b: name'].map((selection) =>
      compiled(`{ other { ${selection} } }`),
    );
    const kept: boolean[] = [];
    for (const run of runs) {
      const first = await run();
      kept.push((await run()).data.other === first.data.other);
    }
    expect(kept).toEqual([true, true, true, true, true, true]);
  });

  it('shares no list of a type resolving a leaf or a nullable field (a null could differ by viewer)', async () => {
    const served = completedLists.served;
    for (const field of ['computed', 'maybe']) {
      const run = compiled(`{ ${field} { name } }`);
      const first = await run('a');
      expect((await run('b')).data[field]).not.toBe(first.data[field]);
    }
    const secret = compiled('{ maybe { name secret { name } } }');
    expect((await secret('a')).data.maybe).toEqual([
      { name: 'one', secret: null },
      { name: 'two – ünïcode', secret: null },
    ]);
    expect((await secret('staff')).data.maybe).toEqual([
      { name: 'one', secret: { name: 'staff' } },
      { name: 'two – ünïcode', secret: { name: 'staff' } },
    ]);
    expect(completedLists.served).toBe(served);
  });

  it('leaves text that only looks like a placeholder as it is', () => {
    const text = '"completed00n0" completed00n0';
    expect(stringifyAnswer({ text, list: [1, 2] })).toBe(JSON.stringify({ text, list: [1, 2] }));
    expect(answerAsBytes({ text }, '').bytes.toString()).toBe(JSON.stringify({ text }));
  });

  it('hooks into graphql-jit once, however often it is asked', async () => {
    await completeSharedListsOnce();
    const run = compiled('{ shared { name } }');
    const first = await run();
    expect((await run()).data.shared).toBe(first.data.shared);
  });
});
