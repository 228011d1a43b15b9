import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Presence moved to a pub/sub channel (graphql-subscriptions): its rows go; nothing else read them.
 * (First shipped as PresenceOnPubSub1796260000000, then reverted: IF EXISTS for a database that ran it.)
 */
export class PresenceOnPubSub1796300000000 implements MigrationInterface {
  name = 'PresenceOnPubSub1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "draft_presence"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "draft_presence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "position_id" uuid NOT NULL, "person_id" uuid NOT NULL, "section_id" uuid, "editing" boolean NOT NULL DEFAULT false, "instance_id" text NOT NULL, "seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0dc82f5b49fb8cad44fc5780dd9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "draft_presence_seen_idx" ON "draft_presence"  ("seen_at") `);
    await queryRunner.query(`CREATE INDEX "draft_presence_position_idx" ON "draft_presence"  ("position_id") `);
    await queryRunner.query(`ALTER TABLE "draft_presence" ADD CONSTRAINT "FK_c7345bdb980bb72ce8fbd438688" FOREIGN KEY ("position_id") REFERENCES "joint_position"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "draft_presence" ADD CONSTRAINT "FK_a408deba7a45ca4f25fa8d36f51" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }
}
