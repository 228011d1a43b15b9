import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Drafting1795930349655 implements MigrationInterface {
  name = 'Drafting1795930349655';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."position_status" AS ENUM('DRAFTING', 'CONSULTATION', 'AGREED', 'SUBMITTED', 'RESPONDED', 'WITHDRAWN')`);
    await queryRunner.query(`CREATE TABLE "joint_position" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "network_id" uuid NOT NULL, "title" text NOT NULL, "audience" text NOT NULL, "purpose" text, "deadline" date, "status" "public"."position_status" NOT NULL DEFAULT 'DRAFTING', "status_reason" text, "public_when_submitted" boolean NOT NULL DEFAULT true, "revision" integer NOT NULL DEFAULT '0', "agreed_revision" integer, "created_by_person_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "joint_position_revision_not_negative" CHECK ("revision" >= 0), CONSTRAINT "joint_position_title_not_blank" CHECK (length(btrim("title")) > 0), CONSTRAINT "PK_4a1ff8338a71479a52245a9a952" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "joint_position_network_idx" ON "joint_position"  ("network_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "position_section" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "position_id" uuid NOT NULL, "ordinal" integer NOT NULL, "heading" text NOT NULL, "body" text NOT NULL DEFAULT '', "lead_organisation_id" uuid, "revision" integer NOT NULL, "removed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0c06a2cbf5fe0373bcaec66cb30" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "position_section_position_idx" ON "position_section"  ("position_id", "ordinal") `);
    await queryRunner.query(`CREATE TYPE "public"."revision_kind" AS ENUM('SECTION_ADDED', 'SECTION_EDITED', 'SECTION_REMOVED', 'SECTIONS_REORDERED')`);
    await queryRunner.query(`CREATE TABLE "position_revision" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "position_id" uuid NOT NULL, "number" integer NOT NULL, "kind" "public"."revision_kind" NOT NULL, "section_id" uuid, "base_revision" integer, "merged" boolean NOT NULL DEFAULT false, "heading" text, "body" text, "section_order" uuid array NOT NULL, "author_person_id" uuid, "author_organisation_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a6384e0e0ff83fc7d54fab34389" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "position_revision_section_idx" ON "position_revision"  ("section_id", "number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "position_revision_number_uq" ON "position_revision"  ("position_id", "number") `);
    await queryRunner.query(`CREATE TABLE "position_sign_on" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "position_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "signed_by_person_id" uuid NOT NULL, "revision" integer NOT NULL, "content_hash" text NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "voided_at" TIMESTAMP WITH TIME ZONE, "void_reason" text, CONSTRAINT "PK_9d016c452d7efdf29d2b064fd2a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "position_sign_on_live_uq" ON "position_sign_on"  ("position_id", "organisation_id") WHERE "voided_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "position_submission" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "position_id" uuid NOT NULL, "submitted_to" text NOT NULL, "submitted_on" date NOT NULL, "method" text NOT NULL, "revision" integer NOT NULL, "content_hash" text NOT NULL, "submitted_by_person_id" uuid, "response_text" text, "responded_on" date, "commitments" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_98a40e7820bbe3b0a8392d38026" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "position_submission_position_uq" ON "position_submission"  ("position_id") `);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'POSITION_CREATED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'POSITION_SECTION_ADDED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'POSITION_SECTION_EDITED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'POSITION_SECTION_REMOVED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'POSITION_SECTIONS_REORDERED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'POSITION_STATUS_CHANGED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'POSITION_SIGNED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'POSITION_SUBMITTED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'POSITION_RESPONSE_RECORDED'`);
    await queryRunner.query(`ALTER TABLE "joint_position" ADD CONSTRAINT "FK_eb8244d83039924fa39bf485770" FOREIGN KEY ("network_id") REFERENCES "local_network"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "position_section" ADD CONSTRAINT "FK_905f8f6fa43ab559cffb2ebf843" FOREIGN KEY ("position_id") REFERENCES "joint_position"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "position_section" ADD CONSTRAINT "FK_0f57789955d64902f2795dbe23a" FOREIGN KEY ("lead_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "position_revision" ADD CONSTRAINT "FK_3b6ccec86b18ee23b927daed508" FOREIGN KEY ("position_id") REFERENCES "joint_position"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "position_revision" ADD CONSTRAINT "FK_206c692c4cea601d74b88b13c19" FOREIGN KEY ("author_person_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "position_sign_on" ADD CONSTRAINT "FK_cf5a407b250979f22236bc2fe6a" FOREIGN KEY ("position_id") REFERENCES "joint_position"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "position_sign_on" ADD CONSTRAINT "FK_a8701b84e3c8743c3b3ef7dd319" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "position_submission" ADD CONSTRAINT "FK_25d12916c44a212277ad6c41052" FOREIGN KEY ("position_id") REFERENCES "joint_position"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "position_submission" DROP CONSTRAINT "FK_25d12916c44a212277ad6c41052"`);
    await queryRunner.query(`ALTER TABLE "position_sign_on" DROP CONSTRAINT "FK_a8701b84e3c8743c3b3ef7dd319"`);
    await queryRunner.query(`ALTER TABLE "position_sign_on" DROP CONSTRAINT "FK_cf5a407b250979f22236bc2fe6a"`);
    await queryRunner.query(`ALTER TABLE "position_revision" DROP CONSTRAINT "FK_206c692c4cea601d74b88b13c19"`);
    await queryRunner.query(`ALTER TABLE "position_revision" DROP CONSTRAINT "FK_3b6ccec86b18ee23b927daed508"`);
    await queryRunner.query(`ALTER TABLE "position_section" DROP CONSTRAINT "FK_0f57789955d64902f2795dbe23a"`);
    await queryRunner.query(`ALTER TABLE "position_section" DROP CONSTRAINT "FK_905f8f6fa43ab559cffb2ebf843"`);
    await queryRunner.query(`ALTER TABLE "joint_position" DROP CONSTRAINT "FK_eb8244d83039924fa39bf485770"`);
    await queryRunner.query(`CREATE TYPE "public"."activity_verb_old" AS ENUM('ORGANISATION_CREATED', 'ORGANISATION_UPDATED', 'ORGANISATION_ARCHIVED', 'SPECIALISM_CREATED', 'PERSON_INVITED', 'INVITATION_ACCEPTED', 'API_TOKEN_CREATED', 'API_TOKEN_REVOKED', 'NETWORK_CREATED', 'NETWORK_UPDATED', 'NETWORK_STATUS_CHANGED', 'NETWORK_MEMBER_INVITED', 'NETWORK_JOIN_REQUESTED', 'NETWORK_MEMBER_JOINED', 'NETWORK_INVITATION_DECLINED', 'NETWORK_REQUEST_DECLINED', 'NETWORK_MEMBER_LEFT', 'NETWORK_MEMBER_REMOVED', 'NETWORK_ROLE_CHANGED', 'NETWORK_CONVENING_HANDED_OVER', 'COVERAGE_PRIORITIES_SET', 'EVENT_CREATED', 'EVENT_UPDATED', 'EVENT_RESCHEDULED', 'EVENT_STATUS_CHANGED', 'EVENT_OCCURRENCE_CHANGED', 'EVENT_AGENDA_SET', 'EVENT_MINUTES_RECORDED', 'EVENT_RSVP_CHANGED', 'EVENT_REMINDER_DUE', 'POLL_CREATED', 'POLL_ANSWERED', 'POLL_CONFIRMED', 'POLL_CLOSED', 'CALENDAR_FEED_CREATED', 'CALENDAR_FEED_REVOKED')`);
    await queryRunner.query(`ALTER TABLE "activity_event" ALTER COLUMN "verb" TYPE "public"."activity_verb_old" USING "verb"::"text"::"public"."activity_verb_old"`);
    await queryRunner.query(`DROP TYPE "public"."activity_verb"`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb_old" RENAME TO "activity_verb"`);
    await queryRunner.query(`DROP INDEX "public"."position_submission_position_uq"`);
    await queryRunner.query(`DROP TABLE "position_submission"`);
    await queryRunner.query(`DROP INDEX "public"."position_sign_on_live_uq"`);
    await queryRunner.query(`DROP TABLE "position_sign_on"`);
    await queryRunner.query(`DROP INDEX "public"."position_revision_number_uq"`);
    await queryRunner.query(`DROP INDEX "public"."position_revision_section_idx"`);
    await queryRunner.query(`DROP TABLE "position_revision"`);
    await queryRunner.query(`DROP TYPE "public"."revision_kind"`);
    await queryRunner.query(`DROP INDEX "public"."position_section_position_idx"`);
    await queryRunner.query(`DROP TABLE "position_section"`);
    await queryRunner.query(`DROP INDEX "public"."joint_position_network_idx"`);
    await queryRunner.query(`DROP TABLE "joint_position"`);
    await queryRunner.query(`DROP TYPE "public"."position_status"`);
  }
}
