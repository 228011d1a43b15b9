import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DraftingReview1795931006057 implements MigrationInterface {
  name = 'DraftingReview1795931006057';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "position_comment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "position_id" uuid NOT NULL, "section_id" uuid NOT NULL, "parent_id" uuid, "anchor_start" integer, "anchor_end" integer, "revision" integer NOT NULL, "quote" text, "body" text NOT NULL, "author_person_id" uuid NOT NULL, "author_organisation_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by_person_id" uuid, CONSTRAINT "position_comment_anchor" CHECK (("anchor_start" IS NULL AND "anchor_end" IS NULL) OR ("anchor_start" >= 0 AND "anchor_end" >= "anchor_start")), CONSTRAINT "position_comment_body_not_blank" CHECK (length(btrim("body")) > 0), CONSTRAINT "PK_52a296bd05d29866dfbd0fd6f67" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "position_comment_section_idx" ON "position_comment"  ("section_id", "created_at") `);
    await queryRunner.query(`CREATE TYPE "public"."suggestion_status" AS ENUM('OPEN', 'ACCEPTED', 'REJECTED')`);
    await queryRunner.query(`CREATE TABLE "position_suggestion" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "position_id" uuid NOT NULL, "section_id" uuid NOT NULL, "base_revision" integer NOT NULL, "range_start" integer NOT NULL, "range_end" integer NOT NULL, "original" text NOT NULL, "replacement" text NOT NULL, "author_person_id" uuid NOT NULL, "author_organisation_id" uuid, "status" "public"."suggestion_status" NOT NULL DEFAULT 'OPEN', "decided_by_person_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "resulting_revision" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "position_suggestion_decided" CHECK (("status" = 'OPEN') = ("decided_at" IS NULL)), CONSTRAINT "position_suggestion_range" CHECK ("range_start" >= 0 AND "range_end" >= "range_start"), CONSTRAINT "PK_1703f281e87a32df4b1f062cc9d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "position_suggestion_section_idx" ON "position_suggestion"  ("section_id", "status") `);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'POSITION_COMMENTED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'POSITION_COMMENT_RESOLVED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'POSITION_SUGGESTED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'POSITION_SUGGESTION_ACCEPTED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'POSITION_SUGGESTION_REJECTED'`);
    await queryRunner.query(`ALTER TABLE "position_comment" ADD CONSTRAINT "FK_627071acded6cdd999379813b3d" FOREIGN KEY ("position_id") REFERENCES "joint_position"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "position_comment" ADD CONSTRAINT "FK_080e8db914065966b9c61d8930e" FOREIGN KEY ("section_id") REFERENCES "position_section"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "position_comment" ADD CONSTRAINT "FK_6bcde3fb233b0075366f73fcd86" FOREIGN KEY ("parent_id") REFERENCES "position_comment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "position_suggestion" ADD CONSTRAINT "FK_d61e38dcb03b093410a2b87576e" FOREIGN KEY ("position_id") REFERENCES "joint_position"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "position_suggestion" ADD CONSTRAINT "FK_e60860801884762dc5df3fd4699" FOREIGN KEY ("section_id") REFERENCES "position_section"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "position_suggestion" DROP CONSTRAINT "FK_e60860801884762dc5df3fd4699"`);
    await queryRunner.query(`ALTER TABLE "position_suggestion" DROP CONSTRAINT "FK_d61e38dcb03b093410a2b87576e"`);
    await queryRunner.query(`ALTER TABLE "position_comment" DROP CONSTRAINT "FK_6bcde3fb233b0075366f73fcd86"`);
    await queryRunner.query(`ALTER TABLE "position_comment" DROP CONSTRAINT "FK_080e8db914065966b9c61d8930e"`);
    await queryRunner.query(`ALTER TABLE "position_comment" DROP CONSTRAINT "FK_627071acded6cdd999379813b3d"`);
    await queryRunner.query(`CREATE TYPE "public"."activity_verb_old" AS ENUM('ORGANISATION_CREATED', 'ORGANISATION_UPDATED', 'ORGANISATION_ARCHIVED', 'SPECIALISM_CREATED', 'PERSON_INVITED', 'INVITATION_ACCEPTED', 'API_TOKEN_CREATED', 'API_TOKEN_REVOKED', 'NETWORK_CREATED', 'NETWORK_UPDATED', 'NETWORK_STATUS_CHANGED', 'NETWORK_MEMBER_INVITED', 'NETWORK_JOIN_REQUESTED', 'NETWORK_MEMBER_JOINED', 'NETWORK_INVITATION_DECLINED', 'NETWORK_REQUEST_DECLINED', 'NETWORK_MEMBER_LEFT', 'NETWORK_MEMBER_REMOVED', 'NETWORK_ROLE_CHANGED', 'NETWORK_CONVENING_HANDED_OVER', 'COVERAGE_PRIORITIES_SET', 'EVENT_CREATED', 'EVENT_UPDATED', 'EVENT_RESCHEDULED', 'EVENT_STATUS_CHANGED', 'EVENT_OCCURRENCE_CHANGED', 'EVENT_AGENDA_SET', 'EVENT_MINUTES_RECORDED', 'EVENT_RSVP_CHANGED', 'EVENT_REMINDER_DUE', 'POLL_CREATED', 'POLL_ANSWERED', 'POLL_CONFIRMED', 'POLL_CLOSED', 'CALENDAR_FEED_CREATED', 'CALENDAR_FEED_REVOKED', 'POSITION_CREATED', 'POSITION_SECTION_ADDED', 'POSITION_SECTION_EDITED', 'POSITION_SECTION_REMOVED', 'POSITION_SECTIONS_REORDERED', 'POSITION_STATUS_CHANGED', 'POSITION_SIGNED', 'POSITION_SUBMITTED', 'POSITION_RESPONSE_RECORDED')`);
    await queryRunner.query(`ALTER TABLE "activity_event" ALTER COLUMN "verb" TYPE "public"."activity_verb_old" USING "verb"::"text"::"public"."activity_verb_old"`);
    await queryRunner.query(`DROP TYPE "public"."activity_verb"`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb_old" RENAME TO "activity_verb"`);
    await queryRunner.query(`DROP INDEX "public"."position_suggestion_section_idx"`);
    await queryRunner.query(`DROP TABLE "position_suggestion"`);
    await queryRunner.query(`DROP TYPE "public"."suggestion_status"`);
    await queryRunner.query(`DROP INDEX "public"."position_comment_section_idx"`);
    await queryRunner.query(`DROP TABLE "position_comment"`);
  }
}
