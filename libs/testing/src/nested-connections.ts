import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import { Pool } from 'pg';
import { EntityManager } from 'typeorm';
import { isBackgroundWork } from '@app/common';

/**
 * Opt-in (TEST_REPORT_NESTED_CONNECTIONS=<file>): appends to the file the stack of every main-pool
 * connection asked for inside a transaction's callback by a request's work. Such a flow holds one
 * connection while it waits for another: with the pool full of them, none gets one until the
 * connect timeout fails them all. Activity transactions read beside them on the side pool
 * (`asTransactionWork`); this finds the others. Not a failure yet (docs/architecture.md).
 */
export function reportNestedConnections(file: string): void {
  const inTransaction = new AsyncLocalStorage<true>();
  const transaction = Reflect.get(EntityManager.prototype, 'transaction') as (...args: unknown[]) => Promise<unknown>;
  Object.defineProperty(EntityManager.prototype, 'transaction', {
    configurable: true,
    writable: true,
    value: function (this: EntityManager, ...args: unknown[]) {
      const at = args.findIndex((arg) => typeof arg === 'function');
      if (at >= 0) {
        const work = args[at] as (manager: EntityManager) => Promise<unknown>;
        args[at] = (manager: EntityManager) => inTransaction.run(true, () => work(manager));
      }
      return transaction.apply(this, args);
    },
  });
  const connect = Reflect.get(Pool.prototype, 'connect') as (...args: unknown[]) => unknown;
  Object.defineProperty(Pool.prototype, 'connect', {
    configurable: true,
    writable: true,
    value: function (this: Pool, ...args: unknown[]) {
      const side = (this as Pool & { options?: { application_name?: string } }).options?.application_name?.endsWith(
        '-side',
      );
      if (inTransaction.getStore() === true && !isBackgroundWork() && !side) {
        const test = (
          globalThis as { expect?: { getState(): { testPath?: string; currentTestName?: string } } }
        ).expect?.getState();
        const stack = new Error('a pool connection inside a transaction').stack?.split('\n').slice(2, 16).join('\n');
        appendFileSync(file, `${test?.testPath ?? '?'} :: ${test?.currentTestName ?? '?'}\n${stack}\n\n`);
      }
      return connect.apply(this, args);
    },
  });
}
