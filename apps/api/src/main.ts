import './runtime-flags'; // first: before any code runs hot
import 'reflect-metadata';
import { type INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { Client } from 'pg';
import { AppModule } from './app.module';
import { type AppConfig, ConfigError, loadConfig } from './config/app-config';
import { resolveDatabase, type ResolvedDatabase } from './database/database-url';
import { prepareForServing } from './database/prepare-database';
import { logFatal, startupLogger } from './logging';
import { startupFailure } from './startup-failure';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  NestLogger.overrideLogger(startupLogger(config)); // until pino takes over
  let database: ResolvedDatabase;
  try {
    database = await resolveDatabase(config);
  } catch (error) {
    throw new StartupFailure(error, config.DATABASE_URL);
  }
  let app: INestApplication;
  try {
    await reachable(config, database.url);
    app = await serve(config, database.url);
  } catch (error) {
    await database.embedded?.stop(); // never leave our PostgreSQL running behind a failed start
    throw new StartupFailure(error, config.DATABASE_URL);
  }

  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    new NestLogger('Convene').log(`${signal}: shutting down`);
    // Draining waits for requests in flight; one waiting on a PostgreSQL that does not answer would wait for ever.
    setTimeout(() => {
      new NestLogger('Convene').error(
        `Shutdown did not finish within SHUTDOWN_TIMEOUT_MS (${config.SHUTDOWN_TIMEOUT_MS} ms): exiting with work unfinished (a request, a job or a connection)`,
      );
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    await app.close(); // drains HTTP and WebSocket first…
    await database.embedded?.stop(); // …then stops the embedded PostgreSQL
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void stop(signal));
  process.once('SIGTERM', (signal) => void stop(signal));
  if (config.BENCH_ONLY_SKIP_ACTIVITY_OUTBOX === true) {
    new NestLogger('Convene').warn('BENCH_ONLY_SKIP_ACTIVITY_OUTBOX: mutations record no activity (benchmarks only)');
  }
  new NestLogger('Convene').log(
    `GraphQL API ready at http://localhost:${config.PORT}/graphql in ${Date.now() - started} ms`,
  );
}

/** Says at once that PostgreSQL is not there, instead of Nest's retries with stack traces. */
async function reachable(config: AppConfig, url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: config.DB_CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
  } finally {
    await client.end().catch(() => undefined);
  }
}

class StartupFailure extends Error {
  constructor(
    readonly original: unknown,
    databaseUrl?: string,
  ) {
    super(startupFailure(original, databaseUrl));
  }
}

async function serve(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  await prepareForServing(config, databaseUrl);
  const app = await NestFactory.create(AppModule.forRoot(config, databaseUrl), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableCors({ origin: false });
  await app.listen(config.PORT);
  return app;
}

main().catch((error: unknown) => {
  // One clear line, not a stack trace, for what a user can fix.
  const line = error instanceof ConfigError || error instanceof StartupFailure ? error.message : startupFailure(error);
  if (process.env.NODE_ENV === 'production') {
    logFatal(line);
  } else {
    console.error(line);
  }
  if (!(error instanceof ConfigError) && process.env.LOG_LEVEL === 'debug') {
    console.error(error instanceof StartupFailure ? error.original : error);
  }
  process.exit(1);
});
