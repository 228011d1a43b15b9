import { describe, expect, it } from '@jest/globals';
import { buildSchema, type ExecutionResult, getOperationAST, parse } from 'graphql';
import type { Executor, ExecutorRequest } from './compiled-execution';
import { KnownOperations, MAX_KNOWN_CHARS } from './known-operations';
import { ResponseStore } from './response-cache/response-store';

const schema = buildSchema(`
  type Query { coverage: Int, me: Int, other: Int }
  type Mutation { touch: Int }
`);

/** An executor request as Apollo makes one for `source` over HTTP (or in process, `http: false`). */
function requestFor(
  source: string,
  { operationName, http = true, parsed = source }: { operationName?: string; http?: boolean; parsed?: string } = {},
) {
  const document = parse(parsed);
  return {
    schema,
    document,
    operation: getOperationAST(document, operationName) ?? undefined,
    context: {},
    source,
    request: { operationName, ...(http ? { http: {} } : {}) },
  } satisfies ExecutorRequest;
}

const answering =
  (result: ExecutionResult): Executor =>
  () =>
    Promise.resolve(result);

describe('KnownOperations', () => {
  it('learns a query Apollo answered over HTTP without errors, for the operation name it was asked by', async () => {
    const known = new KnownOperations(null);
    const executor = answering({ data: { other: 1 } });
    const learning = known.learning(executor);
    expect(known.find('{ other }', undefined)).toBeUndefined();
    await learning(requestFor('{ other }'));
    expect(known.find('{ other }', undefined)).toMatchObject({ operationName: undefined, executor });
    expect(known.find('{ other }', 'Other')).toBeUndefined();

    const two = 'query A { other } query B { me }';
    await learning(requestFor(two, { operationName: 'A' }));
    expect(known.find(two, 'A')?.operation.name?.value).toBe('A');
    await learning(requestFor(two, { operationName: 'B' }));
    expect(known.find(two, 'B')?.operation.name?.value).toBe('B');
    expect(known.find(two, 'A')).toBeUndefined(); // one operation per text: the latest answered
  });

  it('learns no mutation, no answer with errors, nothing asked in process', async () => {
    const known = new KnownOperations(null);
    await known.learning(answering({ data: { touch: 1 } }))(requestFor('mutation { touch }'));
    await known.learning(answering({ data: null, errors: [] }))(requestFor('{ other }'));
    await known.learning(answering({ data: { me: 1 } }))(requestFor('{ me }', { http: false }));
    expect(known.find('mutation { touch }', undefined)).toBeUndefined();
    expect(known.find('{ other }', undefined)).toBeUndefined();
    expect(known.find('{ me }', undefined)).toBeUndefined();
  });

  it('leaves the operations the response cache answers to it, where there is a cache', async () => {
    const withCache = new KnownOperations(new ResponseStore(1024 * 1024));
    const learning = withCache.learning(answering({ data: {} }));
    await learning(requestFor('{ coverage }'));
    await learning(requestFor('{ other }'));
    expect(withCache.find('{ coverage }', undefined)).toBeUndefined();
    expect(withCache.find('{ other }', undefined)).toBeDefined();

    const withoutCache = new KnownOperations(null);
    await withoutCache.learning(answering({ data: {} }))(requestFor('{ coverage }'));
    expect(withoutCache.find('{ coverage }', undefined)).toBeDefined();
  });

  it('forgets an operation on request, and keeps texts within its bound of characters', async () => {
    const known = new KnownOperations(null);
    const learning = known.learning(answering({ data: {} }));
    await learning(requestFor('{ other }'));
    known.forget('{ other }');
    expect(known.find('{ other }', undefined)).toBeUndefined();

    // Texts as long as a large body may be (the document itself does not count toward the bound).
    const long = `{ other }${' '.repeat(MAX_KNOWN_CHARS)}`;
    await learning(requestFor(long, { parsed: '{ other }' }));
    expect(known.find(long, undefined)).toBeUndefined(); // larger than the whole bound: not kept

    const half = (n: number) => `{ other }${' '.repeat(MAX_KNOWN_CHARS / 2 - 20)}# ${n}`;
    for (let n = 0; n < 3; n++) {
      await learning(requestFor(half(n), { parsed: '{ other }' }));
    }
    expect(known.find(half(0), undefined)).toBeUndefined(); // the least recently used went
    expect(known.find(half(2), undefined)).toBeDefined();
  });
});
