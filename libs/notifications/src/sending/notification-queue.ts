import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { asBackgroundWork } from '@app/common';
import { TCP_KEEPALIVE } from '@app/database';
import { NOTIFICATIONS_OPTIONS, type NotificationsOptions } from '../notifications.options';

export const SEND_QUEUE = 'notification-send';
export const DIGEST_QUEUE = 'notification-digest';

/** Send one planned notification (its row says what and to whom). */
export interface SendJob {
  readonly notificationId: string;
}

/** Gather a person's digest items into one message, due at their hour. */
export interface DigestJob {
  readonly personId: string;
  /** The London date it is for (one digest a day). */
  readonly date: string;
}

/** Jobs per fetch: a crash loses none (the rest expire and are retried), and sends none twice (rows are marked). */
const BATCH_SIZE = 20;
/**
 * Sends in flight per instance. One: a sender that dies while SMTP takes a message then has no
 * other message accepted but not yet marked sent, so none is sent twice (four at a time did, in the
 * crash test: the price of the overlap is a duplicate per crash).
 */
const SEND_CONCURRENCY = 1;

/**
 * The job queue of messages (pg-boss, schema `pgboss`, its own two connections, like
 * reminders): jobs are created in the planning transaction, so a message is due exactly when
 * the change that caused it has committed; retried with exponential backoff.
 */
@Injectable()
export class NotificationQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('Notifications');
  private readonly boss: PgBoss;
  private readonly workers: string[] = [];

  constructor(@Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions) {
    this.boss = new PgBoss({
      connectionString: options.databaseUrl,
      ...TCP_KEEPALIVE,
      schema: 'pgboss',
      max: 2,
      application_name: 'convene-notifications',
      schedule: false,
      // Jobs held by an instance that died expire, and are retried, at this check.
      maintenanceIntervalSeconds: options.takeoverSeconds,
    });
    this.boss.on('error', (error) => this.log.error(`Job queue: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    for (const name of [SEND_QUEUE, DIGEST_QUEUE]) {
      await this.boss.createQueue(name, {
        name,
        policy: 'short', // a job with the same key is not created twice while it waits
        retryLimit: 12,
        retryDelay: 5,
        retryBackoff: true, // 5 s, 10 s, 20 s … about 3 hours in all
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // Within the server's SHUTDOWN_TIMEOUT_MS (8 s by default): an unfinished job is retried later.
    await this.boss.stop({ graceful: true, wait: true, timeout: 5_000 });
  }

  /** Creates a send job inside the planning transaction. */
  plan(tx: EntityManager, job: SendJob): Promise<void> {
    return this.send(tx, SEND_QUEUE, job, job.notificationId, new Date());
  }

  /** Creates the digest job for a person's day (a second one for the same day is a no-op). */
  planDigest(tx: EntityManager, job: DigestJob, dueAt: Date): Promise<void> {
    return this.send(tx, DIGEST_QUEUE, job, `${job.personId}@${job.date}`, dueAt);
  }

  private async send(tx: EntityManager, queue: string, data: object, key: string, dueAt: Date): Promise<void> {
    const runner = tx.queryRunner;
    if (!runner) {
      throw new Error('Notifications are planned inside a transaction');
    }
    const db = {
      executeSql: async (text: string, values: unknown[]) => ({
        rows: (await runner.query(text, values, true)).records,
      }),
    };
    await this.boss.send(queue, data, {
      startAfter: dueAt,
      singletonKey: key,
      expireInSeconds: this.options.takeoverSeconds,
      db,
    });
  }

  /** Wakes this instance's workers now (after planning commits), instead of at their next poll. */
  wake(): void {
    for (const id of this.workers) {
      this.boss.notifyWorker(id);
    }
  }

  async work(
    handleSend: (job: SendJob) => Promise<void>,
    handleDigest: (job: DigestJob) => Promise<void>,
  ): Promise<void> {
    const options = { pollingIntervalSeconds: this.options.pollSeconds, batchSize: BATCH_SIZE };
    const ids: Record<string, string> = {};
    // A full batch means more are waiting: fetch again at once rather than after the polling interval.
    const more = (queue: string, count: number): void => {
      if (count === BATCH_SIZE && ids[queue]) {
        this.boss.notifyWorker(ids[queue]);
      }
    };
    ids[SEND_QUEUE] = await this.boss.work<SendJob>(SEND_QUEUE, options, async (jobs) => {
      // A few at once (each a lease and an SMTP send on the transport's pool); a failure fails the
      // batch after the others finished, and only unsent rows are sent again.
      for (let i = 0; i < jobs.length; i += SEND_CONCURRENCY) {
        const results = await Promise.allSettled(
          jobs.slice(i, i + SEND_CONCURRENCY).map((job) => asBackgroundWork(() => handleSend(job.data))),
        );
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) {
          throw failed.reason;
        }
      }
      more(SEND_QUEUE, jobs.length);
    });
    ids[DIGEST_QUEUE] = await this.boss.work<DigestJob>(DIGEST_QUEUE, options, async (jobs) => {
      for (const job of jobs) {
        await asBackgroundWork(() => handleDigest(job.data));
      }
      more(DIGEST_QUEUE, jobs.length);
    });
    this.workers.push(ids[SEND_QUEUE], ids[DIGEST_QUEUE]);
  }
}
