import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { nestLogLevels } from './logging';
import { resolveDatabase } from './database/database-url';
import { prepareDatabase, withDataSource } from './database/prepare-database';
import { databaseSettings } from './database/persistence';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  NestLogger.overrideLogger(nestLogLevels(config.LOG_LEVEL)); // until pino takes over
  const database = await resolveDatabase(config);
  if (config.migrateOnStart) {
    await withDataSource(databaseSettings(config, database.url), prepareDatabase);
  }
  const app = await NestFactory.create(AppModule.forRoot(config, database.url), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableCors({ origin: false });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    new NestLogger('Convene').log(`${signal}: shutting down`);
    await app.close();
    await database.embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void stop(signal));
  process.once('SIGTERM', (signal) => void stop(signal));

  await app.listen(config.PORT);
  new NestLogger('Convene').log(
    `GraphQL API ready at http://localhost:${config.PORT}/graphql in ${Date.now() - started} ms`,
  );
}

main().catch((error: unknown) => {
  // One clear line, not a stack trace, for what a user can fix.
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  console.error(error instanceof ConfigError ? message : `Convene failed to start: ${message}`);
  if (!(error instanceof ConfigError) && process.env.LOG_LEVEL === 'debug') {
    console.error(error);
  }
  process.exit(1);
});
