import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The activity outbox: one row per domain change, written in the change's own transaction. */
export class Activity1795465176366 implements MigrationInterface {
  name = 'Activity1795465176366';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."activity_verb" AS ENUM('ORGANISATION_CREATED', 'ORGANISATION_UPDATED', 'ORGANISATION_ARCHIVED', 'SPECIALISM_CREATED', 'PERSON_INVITED', 'INVITATION_ACCEPTED', 'API_TOKEN_CREATED', 'API_TOKEN_REVOKED')`);
    await queryRunner.query(`CREATE TYPE "public"."activity_visibility" AS ENUM('PUBLIC', 'NETWORK', 'ORGANISATION', 'ADMIN')`);
    await queryRunner.query(`CREATE TABLE "activity_event" ("sequence" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "tx_id" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "verb" "public"."activity_verb" NOT NULL, "visibility" "public"."activity_visibility" NOT NULL, "actor_person_id" uuid, "actor_organisation_id" uuid, "police_force_area_code" character varying(9), "organisation_id" uuid, "payload" jsonb NOT NULL, CONSTRAINT "PK_6bec5bb1ca836ecedf7c9623121" PRIMARY KEY ("sequence"))`);
    await queryRunner.query(`CREATE INDEX "activity_event_organisation_idx" ON "activity_event"  ("organisation_id", "tx_id", "sequence") `);
    await queryRunner.query(`CREATE INDEX "activity_event_police_force_area_idx" ON "activity_event"  ("police_force_area_code", "tx_id", "sequence") `);
    await queryRunner.query(`CREATE INDEX "activity_event_feed_idx" ON "activity_event"  ("tx_id", "sequence") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."activity_event_feed_idx"`);
    await queryRunner.query(`DROP INDEX "public"."activity_event_police_force_area_idx"`);
    await queryRunner.query(`DROP INDEX "public"."activity_event_organisation_idx"`);
    await queryRunner.query(`DROP TABLE "activity_event"`);
    await queryRunner.query(`DROP TYPE "public"."activity_visibility"`);
    await queryRunner.query(`DROP TYPE "public"."activity_verb"`);
  }
}
