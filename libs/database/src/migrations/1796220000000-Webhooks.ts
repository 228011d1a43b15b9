import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Webhook endpoints (an organisation's, following one feed) and their delivery queue and log. */
export class Webhooks1796220000000 implements MigrationInterface {
  name = 'Webhooks1796220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."webhook_endpoint_status" AS ENUM('ACTIVE', 'DISABLED')`);
    await queryRunner.query(`CREATE TABLE "webhook_endpoint" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "url" text NOT NULL, "description" text, "scope_kind" "public"."api_token_scope_kind" NOT NULL, "scope_target" text, "secret" text NOT NULL, "previous_secret" text, "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "status" "public"."webhook_endpoint_status" NOT NULL DEFAULT 'ACTIVE', "disabled_at" TIMESTAMP WITH TIME ZONE, "disabled_reason" text, "cursor_tx_id" bigint NOT NULL, "cursor_sequence" bigint NOT NULL, "lease_token" uuid, "lease_until" TIMESTAMP WITH TIME ZONE, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "webhook_endpoint_disabled" CHECK (("status" = 'DISABLED') = ("disabled_at" IS NOT NULL)), CONSTRAINT "webhook_endpoint_scope_target" CHECK (("scope_kind" = 'NATIONAL') = ("scope_target" IS NULL)), CONSTRAINT "PK_6c98112122b2b8a4f3984d2efa8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "webhook_endpoint_organisation_id_idx" ON "webhook_endpoint"  ("organisation_id") `);
    await queryRunner.query(`CREATE TYPE "public"."webhook_delivery_status" AS ENUM('PENDING', 'SUCCEEDED', 'FAILED')`);
    await queryRunner.query(`CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "endpoint_id" uuid NOT NULL, "activity_sequence" bigint NOT NULL, "position_tx_id" bigint NOT NULL, "verb" "public"."activity_verb" NOT NULL, "body" text NOT NULL, "status" "public"."webhook_delivery_status" NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "failures" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "first_failed_at" TIMESTAMP WITH TIME ZONE, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "response_status" integer, "latency_ms" integer, "error" text, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "webhook_delivery_attempts" CHECK ("attempts" >= 0 AND "failures" >= 0), CONSTRAINT "webhook_delivery_pending" CHECK (("status" = 'PENDING') = ("next_attempt_at" IS NOT NULL)), CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "webhook_delivery_endpoint_position_idx" ON "webhook_delivery"  ("endpoint_id", "position_tx_id", "activity_sequence") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "webhook_delivery_endpoint_item_key" ON "webhook_delivery"  ("endpoint_id", "activity_sequence") `);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'WEBHOOK_ENDPOINT_CREATED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'WEBHOOK_ENDPOINT_UPDATED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'WEBHOOK_ENDPOINT_DELETED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'WEBHOOK_SECRET_ROTATED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'WEBHOOK_ENDPOINT_DISABLED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'WEBHOOK_REDELIVERY_REQUESTED'`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "FK_6ef3d9cffbc5f80f0fb870e6808" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "FK_61da875c2689b01ab03e0477bd4" FOREIGN KEY ("created_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_f53f5aec02217a54927b13e39d9" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoint"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_28ac50fb8a1c0d823fa745de64e" FOREIGN KEY ("activity_sequence") REFERENCES "activity_event"("sequence") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_28ac50fb8a1c0d823fa745de64e"`);
    await queryRunner.query(`ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_f53f5aec02217a54927b13e39d9"`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoint" DROP CONSTRAINT "FK_61da875c2689b01ab03e0477bd4"`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoint" DROP CONSTRAINT "FK_6ef3d9cffbc5f80f0fb870e6808"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_delivery_endpoint_item_key"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_delivery_endpoint_position_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP TYPE "public"."webhook_delivery_status"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_endpoint_organisation_id_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoint"`);
    await queryRunner.query(`DROP TYPE "public"."webhook_endpoint_status"`);
    await queryRunner.query(`CREATE TYPE "public"."activity_verb_old" AS ENUM('ORGANISATION_CREATED', 'ORGANISATION_UPDATED', 'ORGANISATION_ARCHIVED', 'SPECIALISM_CREATED', 'PERSON_INVITED', 'INVITATION_ACCEPTED', 'API_TOKEN_CREATED', 'API_TOKEN_REVOKED', 'NETWORK_CREATED', 'NETWORK_UPDATED', 'NETWORK_STATUS_CHANGED', 'NETWORK_MEMBER_INVITED', 'NETWORK_JOIN_REQUESTED', 'NETWORK_MEMBER_JOINED', 'NETWORK_INVITATION_DECLINED', 'NETWORK_REQUEST_DECLINED', 'NETWORK_MEMBER_LEFT', 'NETWORK_MEMBER_REMOVED', 'NETWORK_ROLE_CHANGED', 'NETWORK_CONVENING_HANDED_OVER', 'COVERAGE_PRIORITIES_SET', 'EVENT_CREATED', 'EVENT_UPDATED', 'EVENT_RESCHEDULED', 'EVENT_STATUS_CHANGED', 'EVENT_OCCURRENCE_CHANGED', 'EVENT_AGENDA_SET', 'EVENT_MINUTES_RECORDED', 'EVENT_RSVP_CHANGED', 'EVENT_REMINDER_DUE', 'POLL_CREATED', 'POLL_ANSWERED', 'POLL_CONFIRMED', 'POLL_CLOSED', 'CALENDAR_FEED_CREATED', 'CALENDAR_FEED_REVOKED', 'POSITION_CREATED', 'POSITION_SECTION_ADDED', 'POSITION_SECTION_EDITED', 'POSITION_SECTION_REMOVED', 'POSITION_SECTIONS_REORDERED', 'POSITION_STATUS_CHANGED', 'POSITION_SIGNED', 'POSITION_SUBMITTED', 'POSITION_RESPONSE_RECORDED', 'POSITION_COMMENTED', 'POSITION_COMMENT_RESOLVED', 'POSITION_SUGGESTED', 'POSITION_SUGGESTION_ACCEPTED', 'POSITION_SUGGESTION_REJECTED', 'OFFICE_HOLDER_RECORDED', 'OFFICE_HOLDER_UPDATED', 'GOVERNANCE_CHANGE_PLANNED', 'ELECTION_ROUND_SCHEDULED', 'ELECTION_CANDIDATE_ADDED', 'ELECTION_HUSTINGS_LINKED', 'POLICE_CRIME_PLAN_RECORDED', 'POSITION_PRIORITIES_DECLARED', 'ENGAGEMENT_RECORDED', 'COMMITMENT_ADDED', 'COMMITMENT_STATUS_CHANGED', 'EVIDENCE_RECORDED', 'EVIDENCE_CITED', 'ENGAGEMENT_CORRECTED', 'EVIDENCE_WITHDRAWN')`);
    await queryRunner.query(`ALTER TABLE "activity_event" ALTER COLUMN "verb" TYPE "public"."activity_verb_old" USING "verb"::"text"::"public"."activity_verb_old"`);
    await queryRunner.query(`DROP TYPE "public"."activity_verb"`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb_old" RENAME TO "activity_verb"`);
  }
}
