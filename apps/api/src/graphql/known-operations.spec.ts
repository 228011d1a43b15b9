import { describe, expect, it } from '@jest/globals';
import { buildSchema, type ExecutionResult, getOperationAST, GraphQLError, parse } from 'graphql';
import type { Executor, ExecutorRequest } from './compiled-execution';
import { KnownOperations, MAX_KNOWN_BYTES } from './known-operations';
import { MAX_CACHED_DOCUMENT_BYTES, retainedSize } from './protection/document-size';
import { ResponseStore } from './response-cache/response-store';

const schema = buildSchema(`
  type Query { coverage: Int, me: Int, other: Int }
  type Mutation { touch: Int }
`);

/** An executor request as Apollo makes one for `source` over HTTP (or in process, `http: false`). */
function requestFor(source: string, { operationName, http = true }: { operationName?: string; http?: boolean } = {}) {
  const document = parse(source);
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

  it('keeps documents within a bound of the memory they hold, least recently used going first', async () => {
    const known = new KnownOperations(null);
    const learning = known.learning(answering({ data: {} }));
    // A body of comments: few characters of JSON, but every comment a token the document keeps.
    const comments = (n: number, count: number) => `{ other } # ${n}${'\n#'.repeat(count)}`;
    const tooLarge = Math.ceil(MAX_CACHED_DOCUMENT_BYTES / 420);
    await learning(requestFor(comments(0, tooLarge)));
    expect(known.find(comments(0, tooLarge), undefined)).toBeUndefined(); // parsed per request instead

    const large = Math.floor(MAX_CACHED_DOCUMENT_BYTES / 420 / 2);
    const fit = Math.floor(MAX_KNOWN_BYTES / retainedSize(parse(comments(1, large))));
    for (let n = 1; n <= fit + 1; n++) {
      await learning(requestFor(comments(n, large)));
    }
    expect(known.find(comments(1, large), undefined)).toBeUndefined();
    expect(known.find(comments(2, large), undefined)).toBeDefined();
    expect(known.find(comments(fit + 1, large), undefined)).toBeDefined();
  });

  it("hands a fast-lane run's result to Apollo's run of the same request, which answers with it", async () => {
    const known = new KnownOperations(null);
    let runs = 0;
    const learning = known.learning(() => {
      runs++;
      return Promise.resolve({ data: { other: runs } });
    });
    const req = {};
    const request = { ...requestFor('{ other }'), context: { req } };
    const operation = request.operation;
    if (!operation) {
      throw new Error('no operation');
    }
    const failed: ExecutionResult = { data: null, errors: [new GraphQLError('no')] };
    known.handOver(req, operation, failed);
    expect(await learning(request)).toBe(failed);
    expect(runs).toBe(0);
    expect(await learning(request)).toEqual({ data: { other: 1 } }); // handed once only
    // Not to another request, nor to another operation of the same request.
    known.handOver(req, operation, failed);
    expect(await learning({ ...request, context: { req: {} } })).toEqual({ data: { other: 2 } });
    expect(
      await learning({ ...requestFor('query A { other } query B { me }', { operationName: 'B' }), context: { req } }),
    ).toEqual({ data: { other: 3 } });
  });
});
