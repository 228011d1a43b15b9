import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '@app/common';
import { startEmbeddedPostgres } from '@app/database';

export interface TestPostgres {
  /** URL of a maintenance database on the test server, for CREATE/DROP DATABASE. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

/** TEST_DATABASE_URL's server when set; otherwise an embedded throwaway cluster. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    return { adminUrl: given, stop: () => Promise.resolve() };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: join(projectRoot(), '.data', 'postgres-test'),
    port: Number(process.env.TEST_EMBEDDED_DB_PORT ?? 54330),
    database: 'postgres',
    ephemeralDurability: true,
  });
  return { adminUrl: embedded.adminUrl, stop: () => embedded.stop() };
}

/** Same server as `adminUrl`, another database. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function randomSuffix(): string {
  return randomBytes(4).toString('hex');
}

export async function withAdminClient<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** How many rows a table of the database holds (tests show a refusal wrote nothing with it). */
export const rowCount = (databaseUrl: string, table: string): Promise<number> =>
  withAdminClient(databaseUrl, async (client) =>
    Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n),
  );

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  await withAdminClient(adminUrl, async (client) => {
    const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
    // Copies from one template can collide ("being accessed by other users"): retry briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) {
          throw error;
        }
        await new Promise((done) => setTimeout(done, 50 * attempt));
      }
    }
  });
  return databaseUrl(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  );
}
