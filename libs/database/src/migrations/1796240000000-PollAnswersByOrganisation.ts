import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A scheduling poll takes one answer per member organisation (the latest wins, kept with the
 * person who gave it), and may close to answers at a deadline. Where several people of one
 * organisation had answered a slot, the latest answer is kept and the others are deleted.
 */
export class PollAnswersByOrganisation1796240000000 implements MigrationInterface {
  name = 'PollAnswersByOrganisation1796240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "scheduling_poll_answer" a USING (
        SELECT id, row_number() OVER (PARTITION BY slot_id, organisation_id ORDER BY answered_at DESC, id DESC) AS n
          FROM "scheduling_poll_answer") ranked
      WHERE a.id = ranked.id AND ranked.n > 1`);
    await queryRunner.query(`DROP INDEX "public"."scheduling_poll_answer_uq"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "scheduling_poll_answer_organisation_uq" ON "scheduling_poll_answer" ("slot_id", "organisation_id") `);
    await queryRunner.query(`ALTER TABLE "scheduling_poll" ADD "deadline" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scheduling_poll" DROP COLUMN "deadline"`);
    await queryRunner.query(`DROP INDEX "public"."scheduling_poll_answer_organisation_uq"`);
    await queryRunner.query(`DELETE FROM "scheduling_poll_answer" a USING (
        SELECT id, row_number() OVER (PARTITION BY slot_id, person_id ORDER BY answered_at DESC, id DESC) AS n
          FROM "scheduling_poll_answer") ranked
      WHERE a.id = ranked.id AND ranked.n > 1`);
    await queryRunner.query(`CREATE UNIQUE INDEX "scheduling_poll_answer_uq" ON "scheduling_poll_answer" ("slot_id", "person_id") `);
  }
}
