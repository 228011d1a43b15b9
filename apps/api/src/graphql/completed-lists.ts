import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { projectRoot, SharedList, shareList } from '@app/common';

/**
 * Shared lists (`shareList`: an unchanged series' occurrences, the same frozen list for every
 * request) completed once per selection and written once as JSON: on a page of 20 weekly series,
 * completing ~240 occurrences' leaves and writing their 36 kB were ~45 % of the page's CPU, the
 * same work request after request. graphql-jit completes every list through its runtime's
 * `safeMap(ctx, list, complete, ...indexes)`, where `complete` is the item code generated for one
 * place in one compiled operation: for a shared list, the completion is kept by (list, `complete`)
 * when it ran synchronously, added no error and gave items of leaves alone, and is handed out
 * again, its items frozen. `shareList` allows no resolver on the item type but of non-null object fields,
 * which give an object, a promise or an error: none of them, which may read the viewer, took part
 * in a completion of leaves alone. Completions are bounded here; each is written as JSON once
 * (`stringifyAnswer`).
 */

type Complete = (...args: unknown[]) => unknown;
type ListCompletion = (ctx: unknown, list: Iterable<unknown>, complete: Complete, ...indexes: unknown[]) => unknown[];

interface JitRuntime {
  safeMap: ListCompletion;
}

/** graphql-jit's execution context (`createBoundQuery`): the parts read here. */
interface JitExecution {
  promiseCounter: number;
  errors: unknown[];
  nullErrors: unknown[];
  /** The request's context value. */
  context: unknown;
}

/**
 * In a request's context: its answer is written in pieces (`answerBytes`), not by `stringifyAnswer`.
 * Completions kept for such answers get no placeholder `toJSON` and their list is left unfrozen (their
 * items are frozen): V8 writes an array with its own `toJSON`, or a frozen one, the slow way, and so
 * the rest of the piece (national coverage's answer: 92–95 → 68–74 µs in the server).
 */
export const WRITTEN_IN_PIECES = Symbol('writtenInPieces');

const writtenInPieces = (context: unknown): boolean =>
  typeof context === 'object' && context !== null && (context as Record<symbol, unknown>)[WRITTEN_IN_PIECES] === true;

/** Completed items kept across all lists and selections (~0.3 kB each with their JSON). */
export const MAX_COMPLETED_ITEMS = 50_000;

/**
 * Completions by `<place>:<list>`, numbers given to each compiled place and each shared list: the
 * cache holds neither (an evicted compiled operation or an expired list goes; its entries age out).
 */
const completions = new LRUCache<string, readonly object[]>({
  max: 10_000,
  maxSize: MAX_COMPLETED_ITEMS,
  sizeCalculation: (items) => Math.max(1, items.length),
});
const ids = new WeakMap<object, number>();
let lastId = 0;
const idOf = (thing: object): number => {
  let id = ids.get(thing);
  if (id === undefined) {
    id = ++lastId;
    ids.set(thing, id);
  }
  return id;
};

/** graphql-jit 0.8's `safeMap`, whitespace collapsed: the contract this relies on. */
const EXPECTED_SAFE_MAP =
  'safeMap(ctx, iterable, cb, ...idx) { let index = 0; const result = []; for (const a of iterable) { cb(ctx, a, index, result, ...idx); ++index; } return result; }';

/** Completions served from what was kept (tests read it). */
export const completedLists = { served: 0 };

/** The list completions installed here (one per module instance of graphql-jit's runtime). */
const installed = new WeakSet<ListCompletion>();

/** graphql-jit's `safeMap`, keeping and handing out completions of shared lists. */
function completingShared(completeAll: ListCompletion): ListCompletion {
  const completeList = function (
    this: JitRuntime,
    ctx: unknown,
    list: Iterable<unknown>,
    complete: Complete,
    ...indexes: unknown[]
  ): unknown[] {
    if (!(list instanceof SharedList)) {
      return completeAll.call(this, ctx, list, complete, ...indexes);
    }
    const execution = ctx as JitExecution;
    const inPieces = writtenInPieces(execution.context);
    const key = `${inPieces ? 'p' : 'w'}${idOf(complete)}:${idOf(list.items)}`;
    const kept = completions.get(key);
    if (kept) {
      completedLists.served++;
      return kept as unknown[];
    }
    const { promiseCounter } = execution;
    const errors = execution.errors.length;
    const nullErrors = execution.nullErrors.length;
    const items = completeAll.call(this, ctx, list, complete, ...indexes);
    if (
      execution.promiseCounter === promiseCounter &&
      execution.errors.length === errors &&
      execution.nullErrors.length === nullErrors &&
      items.every(isRecordOfLeaves)
    ) {
      for (const item of items) {
        Object.freeze(item);
      }
      if (!inPieces) {
        Object.defineProperty(items, 'toJSON', { value: placeholderOrSelf });
        Object.freeze(items);
      }
      completions.set(key, items as object[]);
    }
    return items;
  };
  installed.add(completeList);
  return completeList;
}

/** An object graphql-jit made for an item (a literal) holding leaf values only. */
function isRecordOfLeaves(item: unknown): boolean {
  if (typeof item !== 'object' || item === null || Object.getPrototypeOf(item) !== Object.prototype) {
    return false;
  }
  for (const value of Object.values(item)) {
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
      return false;
    }
  }
  return true;
}

/**
 * Hooks the completion of shared lists into graphql-jit (idempotent): into both its CommonJS and
 * its ES module runtime, as either may be the one loaded (the server's build, the tests). Fails
 * loudly where an upgrade changed what it relies on: the runtime's `safeMap`, or that compiled
 * code still completes lists through it.
 */
export async function completeSharedListsOnce(): Promise<void> {
  const directory = dirname(createRequire(join(projectRoot(), 'package.json')).resolve('graphql-jit'));
  for (const file of ['runtime.js', 'runtime.mjs']) {
    // Its package exports only its index; the runtime is the module its compiled code calls.
    const { jitRuntime } = (await import(join(directory, file))) as { jitRuntime?: JitRuntime };
    if (typeof jitRuntime?.safeMap !== 'function') {
      throw new Error(`Cannot find graphql-jit's runtime (${file}, jitRuntime.safeMap): review completed-lists.ts`);
    }
    if (!installed.has(jitRuntime.safeMap)) {
      if (collapsed(String(jitRuntime.safeMap)) !== EXPECTED_SAFE_MAP) {
        throw new Error(`graphql-jit's list completion (${file}, safeMap) changed: review completed-lists.ts`);
      }
      jitRuntime.safeMap = completingShared(jitRuntime.safeMap);
    }
  }
  selfCheck();
}

const collapsed = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * A shared list completed by a compiled query twice: the second time must be the kept completion;
 * and where the selection holds an object field's resolver, never (a graphql-jit that completed
 * nested objects after the list would show its items as leaves alone at first).
 */
function selfCheck(): void {
  const list = Object.freeze([{ name: 'a' }]);
  const item: GraphQLObjectType = new GraphQLObjectType({
    name: 'Item',
    fields: () => ({
      name: { type: new GraphQLNonNull(GraphQLString) },
      self: { type: new GraphQLNonNull(item), resolve: (self: unknown) => self },
    }),
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        items: { type: new GraphQLList(item), resolve: (_root, _args, _context, info) => shareList(list, info) },
      },
    }),
  });
  const compiled = (document: string): (() => unknown) => {
    const query = compileQuery(schema, parse(document));
    if (!isCompiledQuery(query)) {
      throw new Error('graphql-jit refused the completed-lists self-check');
    }
    return () => (query.query(undefined, {}, {}) as { data?: { items?: unknown } }).data?.items;
  };
  const leaves = compiled('{ items { name } }');
  const nested = compiled('{ items { name self { name } } }');
  const first = leaves();
  if (
    first === undefined ||
    leaves() !== first ||
    stringifyAnswer(first) !== '[{"name":"a"}]' ||
    nested() === nested()
  ) {
    throw new Error("graphql-jit's list completion is not what completed-lists.ts relies on: review it");
  }
}

// Writing: a kept completion's JSON once, put in place of a placeholder the completion gives as its
// `toJSON` while `stringifyAnswer` writes (elsewhere it gives itself, written as any array is).

/** Random per process: no text of an answer can spell it. Letters and digits: JSON writes it as it is. */
const TOKEN = `completed${randomBytes(12).toString('hex')}n`;
const PLACEHOLDER = new RegExp(`"${TOKEN}(\\d+)"`, 'g');
let written: object[] | null = null;
const texts = new WeakMap<object, string>();

function placeholderOrSelf(this: object): unknown {
  if (written === null) {
    return this;
  }
  written.push(this);
  return `${TOKEN}${written.length - 1}`;
}

/** `JSON.stringify(value)` with the kept completions it met as placeholders, and those completions. */
function withPlaceholders(value: unknown): { json: string; lists: object[] } {
  const lists: object[] = [];
  written = lists;
  try {
    return { json: JSON.stringify(value), lists };
  } finally {
    written = null;
  }
}

/** `JSON.stringify(value)`, with each kept completion's JSON written once and reused. */
export function stringifyAnswer(value: unknown): string {
  if (written !== null) {
    return JSON.stringify(value);
  }
  const { json, lists } = withPlaceholders(value);
  if (lists.length === 0) {
    return json;
  }
  let replaced = 0;
  const whole = json.replace(PLACEHOLDER, (_match, at: string) => {
    const list = lists[Number(at)];
    if (list === undefined) {
      return '';
    }
    replaced++;
    let text = texts.get(list);
    if (text === undefined) {
      text = JSON.stringify(list);
      texts.set(list, text);
    }
    return text;
  });
  return replaced === lists.length ? whole : JSON.stringify(value);
}

/** A kept completion's JSON in UTF-8, and its length in UTF-16 units (as the text's). */
interface ListBytes {
  readonly bytes: Buffer;
  readonly characters: number;
}
const listBytes = new WeakMap<object, ListBytes>();

function bytesOf(list: object): ListBytes {
  let kept = listBytes.get(list);
  if (kept === undefined) {
    const text = JSON.stringify(list);
    // Memory of its own: a small Buffer.from is a slice of a shared 8 kB slab, which it would keep alive.
    const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
    bytes.write(text);
    kept = { bytes, characters: text.length };
    listBytes.set(list, kept);
  }
  return kept;
}

/**
 * `stringifyAnswer(value) + end` in UTF-8, and how many UTF-16 units the text holds: each kept
 * completion's bytes encoded once and copied in, not its text put into a new string that is
 * encoded whole again (a page of 20 series, ~36 of its 42 kB kept: 31–32 → 25 µs in the server).
 */
export function answerAsBytes(value: unknown, end: string): { bytes: Buffer; characters: number } {
  if (written !== null) {
    return textAsBytes(JSON.stringify(value) + end);
  }
  const { json, lists } = withPlaceholders(value);
  if (lists.length === 0) {
    return textAsBytes(json + end);
  }
  // The pieces between placeholders, and the completions in their places, in order.
  const between: string[] = [];
  const kept: ListBytes[] = [];
  let length = 0;
  let characters = 0;
  let from = 0;
  for (const match of json.matchAll(PLACEHOLDER)) {
    const list = lists[Number(match[1])];
    if (list === undefined) {
      continue; // text that only looks like a placeholder: written as it is
    }
    const piece = json.slice(from, match.index);
    const bytes = bytesOf(list);
    between.push(piece);
    kept.push(bytes);
    length += Buffer.byteLength(piece) + bytes.bytes.length;
    characters += piece.length + bytes.characters;
    from = match.index + match[0].length;
  }
  if (kept.length !== lists.length) {
    return textAsBytes(JSON.stringify(value) + end); // as stringifyAnswer: a placeholder it could not place
  }
  const last = json.slice(from) + end;
  length += Buffer.byteLength(last);
  characters += last.length;
  const into = Buffer.allocUnsafe(length);
  let at = 0;
  for (let i = 0; i < kept.length; i++) {
    at += into.write(between[i], at);
    at += kept[i].bytes.copy(into, at);
  }
  into.write(last, at);
  return { bytes: into, characters };
}

/** Text in UTF-8, and its length in UTF-16 units. */
export const textAsBytes = (text: string): { bytes: Buffer; characters: number } => ({
  bytes: Buffer.from(text),
  characters: text.length,
});
