import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createTestDatabase, GraphqlHttpClient, type TestDatabase } from '@app/testing';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/app-config';

export interface TestApp {
  readonly app: INestApplication;
  readonly database: TestDatabase;
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  readonly graphqlUrl: string;
  readonly client: GraphqlHttpClient;
  close(): Promise<void>;
}

/** The real API on a random port, over its own copy of the seeded template database. */
export async function startTestApp(
  env: Record<string, string> = {},
  logs?: LogCapture,
  /** Another instance on the same database (as behind a load balancer); it does not drop it. */
  shared?: TestDatabase,
): Promise<TestApp> {
  const database = shared ?? (await createTestDatabase());
  let app: INestApplication | undefined;
  // Mail without SMTP_URL goes to files: per test database, outside the project; gone with the database.
  const mailDir = join(tmpdir(), `convene-mail-${new URL(database.url).pathname.slice(1)}`);
  const dropDatabase = async (): Promise<void> => {
    await database.drop();
    await rm(mailDir, { recursive: true, force: true });
  };
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      MAIL_DIR: mailDir,
      // Queries compiled at their first run (graphql-jit), so that every test's query takes that path.
      GRAPHQL_COMPILE_AFTER: '0',
      ...env,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(config, database.url, logs)],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false, bufferLogs: Boolean(logs) });
    if (logs) {
      app.useLogger(app.get(Logger));
    }
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    // Leave nothing behind a failed start: no half-started app (job queue, pools), no database.
    await app?.close().catch(() => undefined);
    if (!shared) {
      await dropDatabase().catch(() => undefined);
    }
    throw error;
  }
  const started = app;
  const { port } = (started.getHttpServer() as Server).address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app: started,
    database,
    baseUrl,
    graphqlUrl: `${baseUrl}/graphql`,
    client: new GraphqlHttpClient(`${baseUrl}/graphql`),
    close: async () => {
      await started.close();
      if (!shared) {
        await dropDatabase();
      }
    },
  };
}

/** Collects every log line the app writes (as JSON text), for assertions on what is logged. */
export class LogCapture {
  readonly lines: string[] = [];

  write(line: string): void {
    this.lines.push(line);
  }

  get text(): string {
    return this.lines.join('');
  }
}
