import { describe, expect, it } from '@jest/globals';
import { buildSchema, type ExecutionResult, parse } from 'graphql';
import { groupedSubscribe, type GroupedStream } from './grouped-subscribe';

/** A source of items the test offers, pushing them once asked to (as ActivityStream does). */
function pushingSource() {
  let deliver: ((item: unknown) => number) | null = null;
  const held: unknown[] = [];
  let end: ((result: IteratorResult<unknown>) => void) | null = null;
  const source = {
    next: () => new Promise<IteratorResult<unknown>>((resolve) => (end = resolve)),
    return: () => {
      end?.({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    },
    pushTo: (to: (item: unknown) => number) => {
      deliver = to;
      held.splice(0).forEach(to);
    },
    [Symbol.asyncIterator]() {
      return source;
    },
  };
  const offer = (item: unknown): number => (deliver ? deliver(item) : held.push(item));
  return { source, offer };
}

const settle = () => new Promise((done) => setImmediate(done));

describe('groupedSubscribe, pushing', () => {
  it('hands over results in item order when an earlier one is still being executed, once per group', async () => {
    const schema = buildSchema('type Query { x: Int } type Item { n: Int } type Subscription { item: Item }');
    const { source, offer } = pushingSource();
    let executions = 0;
    const releases: (() => void)[] = [];
    const fields = schema.getSubscriptionType()!.getFields();
    fields.item.subscribe = () => source;
    fields.item.resolve = (item: { sequence: string; slow: boolean }) => {
      executions++;
      return item.slow
        ? new Promise((resolve) => releases.push(() => resolve({ n: Number(item.sequence) })))
        : { n: Number(item.sequence) };
    };
    const subscribe = groupedSubscribe();
    const stream = (await subscribe({
      schema,
      document: parse('subscription { item { n } }'),
      contextValue: {},
    })) as GroupedStream;
    const got: unknown[] = [];
    offer({ sequence: '1', slow: false });
    stream.pushTo!((result: ExecutionResult) => (got.push(result.data), 0));
    offer({ sequence: '2', slow: true });
    offer({ sequence: '3', slow: false });
    await settle();
    expect(got).toEqual([{ item: { n: 1 } }]); // 3 waits for 2
    releases.shift()!();
    await settle();
    expect(got).toEqual([{ item: { n: 1 } }, { item: { n: 2 } }, { item: { n: 3 } }]);
    expect(executions).toBe(3);

    const end = stream.next();
    offer({ sequence: '4', slow: true });
    await stream.return!();
    await expect(end).resolves.toMatchObject({ done: true });
    releases.shift()!();
    await settle();
    expect(got).toHaveLength(3); // nothing after the end
  });

  it('counts the items waiting behind a slow result, and rejects next() when a late delivery fails', async () => {
    const schema = buildSchema('type Query { x: Int } type Item { n: Int } type Subscription { item: Item }');
    const { source, offer } = pushingSource();
    const releases: (() => void)[] = [];
    const fields = schema.getSubscriptionType()!.getFields();
    fields.item.subscribe = () => source;
    fields.item.resolve = (item: { sequence: string; slow: boolean }) =>
      item.slow
        ? new Promise((resolve) => releases.push(() => resolve({ n: Number(item.sequence) })))
        : { n: Number(item.sequence) };
    const stream = (await groupedSubscribe()({
      schema,
      document: parse('subscription { item { n } }'),
      contextValue: {},
    })) as GroupedStream;
    stream.pushTo!(() => {
      throw new Error('socket gone');
    });
    const end = stream.next();
    expect(offer({ sequence: '1', slow: true })).toBe(1);
    expect(offer({ sequence: '2', slow: false })).toBe(2);
    releases.shift()!();
    await expect(end).rejects.toThrow('socket gone');
  });
});
