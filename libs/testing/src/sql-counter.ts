import { SqlLogger } from '@app/database';

/** Runs `work` and returns how many SQL statements were sent meanwhile (this process). */
export async function countSql<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const stop = SqlLogger.observe((sql) => statements.push(sql));
  try {
    return { result: await work(), statements };
  } finally {
    stop();
  }
}
