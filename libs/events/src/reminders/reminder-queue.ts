import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { asBackgroundWork } from '@app/common';
import { TCP_KEEPALIVE } from '@app/database';
import type { EntityManager } from 'typeorm';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';

export const REMINDER_QUEUE = 'event-reminder';

/** One due reminder: the occurrence as it was planned (a change since makes it stale). */
export interface ReminderJob {
  readonly eventId: string;
  readonly startsAt: string;
}

/**
 * The PostgreSQL-backed job queue (pg-boss) that holds reminders until they fall due, so they
 * survive restarts and run once however many instances poll it. It owns its `pgboss` schema
 * (created and migrated by pg-boss itself, outside our migrations) and its own two connections.
 */
@Injectable()
export class ReminderQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('Reminders');
  private readonly boss: PgBoss;

  constructor(@Inject(EVENTS_OPTIONS) private readonly options: EventsOptions) {
    this.boss = new PgBoss({
      connectionString: options.databaseUrl,
      ...TCP_KEEPALIVE,
      schema: 'pgboss',
      max: 2,
      application_name: 'convene-reminders',
      schedule: false, // no cron jobs: reminders are planned one occurrence at a time
      // Expired jobs (held by an instance that died) are failed, hence retried, by this check.
      maintenanceIntervalSeconds: options.reminderTakeoverSeconds,
    });
    this.boss.on('error', (error) => this.log.error(`Job queue: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    // A created job with the same key is not inserted twice (pg-boss 'short' policy).
    await this.boss.createQueue(REMINDER_QUEUE, {
      name: REMINDER_QUEUE,
      policy: 'short',
      retryLimit: 5,
      retryDelay: 30,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    // Waits for a reminder being handled, then closes the queue's connections.
    // Within the server's SHUTDOWN_TIMEOUT_MS (8 s by default): an unfinished job is retried later.
    await this.boss.stop({ graceful: true, wait: true, timeout: 5_000 });
  }

  /**
   * Plans a reminder inside the caller's transaction, so it is planned exactly when the change
   * commits. A second plan for the same occurrence while the first waits is a no-op.
   */
  async plan(tx: EntityManager, job: ReminderJob, dueAt: Date): Promise<void> {
    const runner = tx.queryRunner;
    if (!runner) {
      throw new Error('Reminders are planned inside a transaction');
    }
    const db = {
      // The structured result, so UPDATEs come back as rows too (pg-boss reads `rows`).
      executeSql: async (text: string, values: unknown[]) => ({
        rows: (await runner.query(text, values, true)).records,
      }),
    };
    await this.boss.send(REMINDER_QUEUE, job, {
      startAfter: dueAt,
      singletonKey: `${job.eventId}@${job.startsAt}`,
      // Handling takes milliseconds: a job still active after this was held by an instance that died.
      expireInSeconds: this.options.reminderTakeoverSeconds,
      retryDelay: this.options.reminderTakeoverSeconds,
      db,
    });
  }

  async work(handle: (job: ReminderJob) => Promise<void>): Promise<void> {
    await this.boss.work<ReminderJob>(
      REMINDER_QUEUE,
      { pollingIntervalSeconds: this.options.reminderPollSeconds },
      async (jobs) => {
        for (const job of jobs) {
          await asBackgroundWork(() => handle(job.data)); // no request's: statement counts leave it out
        }
      },
    );
  }
}
