import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email notifications (planned from the activity outbox: one row per recipient, subject and
 * channel, which is also "what was sent to me"), preferences per category, the digest hour,
 * the planner's cursor, and email changes waiting for confirmation.
 */
export class Notifications1796210000000 implements MigrationInterface {
  name = 'Notifications1796210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "email_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "new_email" text NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3c41013cfc6b716e1feeb3c1ee1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "email_change_person_id_idx" ON "email_change"  ("person_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "email_change_token_hash_key" ON "email_change"  ("token_hash") `);
    await queryRunner.query(`CREATE TYPE "public"."notification_category" AS ENUM('ORGANISATION_INVITATION', 'ACCOUNT', 'NETWORK_MEMBERSHIP', 'EVENT_REMINDER', 'EVENT_CHANGE', 'DRAFTING', 'COMMITMENTS', 'NETWORK_ACTIVITY', 'ORGANISATION_ADMIN')`);
    await queryRunner.query(`CREATE TYPE "public"."notification_channel" AS ENUM('EMAIL')`);
    await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient" text NOT NULL, "person_id" uuid, "email" text NOT NULL, "category" "public"."notification_category" NOT NULL, "channel" "public"."notification_channel" NOT NULL, "subject" text NOT NULL, "template" text NOT NULL, "data" jsonb NOT NULL, "activity_sequence" bigint, "message_id" text NOT NULL, "digest" boolean NOT NULL DEFAULT false, "digest_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "claimed_until" TIMESTAMP WITH TIME ZONE, "read_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "notification_digest_pending_idx" ON "notification"  ("person_id") WHERE digest AND digest_id IS NULL`);
    await queryRunner.query(`CREATE INDEX "notification_person_created_idx" ON "notification"  ("person_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "notification_message_id_key" ON "notification"  ("message_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "notification_recipient_subject_channel_key" ON "notification"  ("recipient", "subject", "channel") `);
    await queryRunner.query(`CREATE TYPE "public"."notification_frequency" AS ENUM('IMMEDIATELY', 'DAILY', 'OFF')`);
    await queryRunner.query(`CREATE TABLE "notification_preference" ("person_id" uuid NOT NULL, "category" "public"."notification_category" NOT NULL, "frequency" "public"."notification_frequency" NOT NULL, CONSTRAINT "PK_2f468317fc66b74648e66429027" PRIMARY KEY ("person_id", "category"))`);
    await queryRunner.query(`CREATE TABLE "notification_setting" ("person_id" uuid NOT NULL, "digest_hour" smallint NOT NULL DEFAULT '7', CONSTRAINT "notification_setting_digest_hour_range" CHECK ("digest_hour" BETWEEN 0 AND 23), CONSTRAINT "PK_a41cac4749558809dcdcd26d9ef" PRIMARY KEY ("person_id"))`);
    await queryRunner.query(`CREATE TABLE "notification_cursor" ("consumer" text NOT NULL, "tx_id" bigint, "sequence" bigint, CONSTRAINT "PK_c643a59af537c98be21e6cf3cfb" PRIMARY KEY ("consumer"))`);
    await queryRunner.query(`ALTER TABLE "email_change" ADD CONSTRAINT "FK_57627a494ad79e557e0c38c8f73" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_9d46d510fc2c70b0dca34a95189" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification_preference" ADD CONSTRAINT "FK_8496cccd0c7dcf6889873bee9e1" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification_setting" ADD CONSTRAINT "FK_a41cac4749558809dcdcd26d9ef" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_setting" DROP CONSTRAINT "FK_a41cac4749558809dcdcd26d9ef"`);
    await queryRunner.query(`ALTER TABLE "notification_preference" DROP CONSTRAINT "FK_8496cccd0c7dcf6889873bee9e1"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_9d46d510fc2c70b0dca34a95189"`);
    await queryRunner.query(`ALTER TABLE "email_change" DROP CONSTRAINT "FK_57627a494ad79e557e0c38c8f73"`);
    await queryRunner.query(`DROP TABLE "notification_cursor"`);
    await queryRunner.query(`DROP TABLE "notification_setting"`);
    await queryRunner.query(`DROP TABLE "notification_preference"`);
    await queryRunner.query(`DROP TYPE "public"."notification_frequency"`);
    await queryRunner.query(`DROP INDEX "public"."notification_recipient_subject_channel_key"`);
    await queryRunner.query(`DROP INDEX "public"."notification_message_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."notification_person_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notification_digest_pending_idx"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP TYPE "public"."notification_channel"`);
    await queryRunner.query(`DROP TYPE "public"."notification_category"`);
    await queryRunner.query(`DROP INDEX "public"."email_change_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."email_change_person_id_idx"`);
    await queryRunner.query(`DROP TABLE "email_change"`);
  }
}
