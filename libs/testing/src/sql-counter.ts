import { SqlLogger } from '@app/database';

/** A statement as the server sent it, with its parameters. */
export interface SentStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** Runs `work` and returns the statements it sent (this process), with their parameters. */
export async function statementsSent(work: () => Promise<unknown>): Promise<SentStatement[]> {
  return (await observed(work)).sent;
}

/** Runs `work` and returns how many SQL statements were sent meanwhile (this process). */
export async function countSql<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const { result, sent } = await observed(work);
  return { result, statements: sent.map((s) => s.sql) };
}

async function observed<T>(work: () => Promise<T>): Promise<{ result: T; sent: SentStatement[] }> {
  const sent: SentStatement[] = [];
  const stop = SqlLogger.observe((sql, parameters) => sent.push({ sql, parameters: parameters ?? [] }));
  try {
    return { result: await work(), sent };
  } finally {
    stop();
  }
}
