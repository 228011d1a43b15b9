import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two indexes built without blocking writes: every domain write appends to activity_event, and a plain
 * CREATE INDEX would hold them all for the whole build on a large database. CONCURRENTLY cannot run in
 * a transaction, hence `transaction = false`; an earlier attempt cut short leaves an invalid index,
 * dropped first.
 * - activity_event (network_id, occurred_at): an area's last activity, read live by coverage.
 * - notification (subject): notices planned by time (a poll's deadline, a commitment due).
 */
export class IndexesBuiltConcurrently1796340100000 implements MigrationInterface {
  name = 'IndexesBuiltConcurrently1796340100000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "activity_event_network_recent_idx"`);
    await queryRunner.query(
      `CREATE INDEX CONCURRENTLY "activity_event_network_recent_idx" ON "activity_event" ("network_id", "occurred_at") `,
    );
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "notification_subject_idx"`);
    await queryRunner.query(`CREATE INDEX CONCURRENTLY "notification_subject_idx" ON "notification" ("subject") `);
  }

  // TypeORM reverts in a transaction whatever `transaction` says: a plain drop (brief lock) there.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "notification_subject_idx"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "activity_event_network_recent_idx"`);
  }
}
