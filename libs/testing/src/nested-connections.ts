import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import { Pool } from 'pg';
import { EntityManager } from 'typeorm';

/**
 * Opt-in (TEST_REPORT_NESTED_CONNECTIONS=<file>): appends to the file the stack of every flow that
 * holds a connection in a transaction while it waits for another: a main-pool connection asked for
 * inside any transaction's body (with the pool full of such flows, none gets one until the connect
 * timeout fails them all; activity transactions read beside them on the side pool), and any
 * transaction opened inside another's body (it would hold a side-pool connection while its own body
 * asks for more). Not a failure: docs/architecture.md says when to run it.
 */
export function reportNestedConnections(file: string): void {
  const inTransaction = new AsyncLocalStorage<{ open: boolean }>();
  const inBody = (): boolean => inTransaction.getStore()?.open === true;
  const report = (what: string): void => {
    const test = (
      globalThis as { expect?: { getState(): { testPath?: string; currentTestName?: string } } }
    ).expect?.getState();
    const stack = new Error(what).stack?.split('\n').slice(3, 17).join('\n');
    appendFileSync(file, `${test?.testPath ?? '?'} :: ${test?.currentTestName ?? '?'} :: ${what}\n${stack}\n\n`);
  };
  const transaction = Reflect.get(EntityManager.prototype, 'transaction') as (...args: unknown[]) => Promise<unknown>;
  Object.defineProperty(EntityManager.prototype, 'transaction', {
    configurable: true,
    writable: true,
    value: function (this: EntityManager, ...args: unknown[]) {
      if (inBody()) {
        report('a transaction inside another');
      }
      const at = args.findIndex((arg) => typeof arg === 'function');
      if (at >= 0) {
        const work = args[at] as (manager: EntityManager) => Promise<unknown>;
        args[at] = async (manager: EntityManager) => {
          const scope = { open: true };
          try {
            return await inTransaction.run(scope, () => work(manager));
          } finally {
            scope.open = false;
          }
        };
      }
      return transaction.apply(this, args);
    },
  });
  const connect = Reflect.get(Pool.prototype, 'connect') as (...args: unknown[]) => unknown;
  Object.defineProperty(Pool.prototype, 'connect', {
    configurable: true,
    writable: true,
    value: function (this: Pool, ...args: unknown[]) {
      const name = (this as Pool & { options?: { application_name?: string } }).options?.application_name ?? '';
      if (inBody() && !name.endsWith('-side') && !name.endsWith('-live')) {
        report('a main-pool connection inside a transaction');
      }
      return connect.apply(this, args);
    },
  });
}
