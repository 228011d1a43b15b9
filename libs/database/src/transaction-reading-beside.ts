import type { DataSource, EntityManager } from 'typeorm';
import { asTransactionWork } from '@app/common';

/**
 * A transaction whose body runs as transaction work: what it reads beside itself, through another
 * context's service, takes a connection from the side pool (`pgWithLivePool`), so transactions
 * filling the main pool cannot all wait for a second connection none would give back.
 */
export function transactionReadingBeside<T>(
  dataSource: DataSource,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction((tx) => asTransactionWork(() => work(tx)));
}
