import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification categories for polls and for feedback on one's own drafting (replies to one's
 * comments, decisions on one's suggestions), an activity verb naming whoever a freed place went
 * to (the answer's item records only how many were promoted), and notifications by subject.
 */
export class NotificationCategories1796310000000 implements MigrationInterface {
  name = 'NotificationCategories1796310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."notification_category" ADD VALUE 'POLLS'`);
    await queryRunner.query(`ALTER TYPE "public"."notification_category" ADD VALUE 'DRAFT_FEEDBACK'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'EVENT_WAITLIST_PROMOTED'`);
    // Notices planned by time (a poll's deadline, a commitment due) are looked up by subject.
    await queryRunner.query(`CREATE INDEX "notification_subject_idx" ON "notification" ("subject") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."notification_subject_idx"`);
    await queryRunner.query(`DELETE FROM "webhook_delivery" WHERE "verb" = 'EVENT_WAITLIST_PROMOTED'`);
    await queryRunner.query(`DELETE FROM "activity_event" WHERE "verb" = 'EVENT_WAITLIST_PROMOTED'`);
    await queryRunner.query(`CREATE TYPE "public"."activity_verb_old" AS ENUM('ORGANISATION_CREATED', 'ORGANISATION_UPDATED', 'ORGANISATION_ARCHIVED', 'SPECIALISM_CREATED', 'PERSON_INVITED', 'INVITATION_ACCEPTED', 'API_TOKEN_CREATED', 'API_TOKEN_REVOKED', 'NETWORK_CREATED', 'NETWORK_UPDATED', 'NETWORK_STATUS_CHANGED', 'NETWORK_MEMBER_INVITED', 'NETWORK_JOIN_REQUESTED', 'NETWORK_MEMBER_JOINED', 'NETWORK_INVITATION_DECLINED', 'NETWORK_REQUEST_DECLINED', 'NETWORK_MEMBER_LEFT', 'NETWORK_MEMBER_REMOVED', 'NETWORK_ROLE_CHANGED', 'NETWORK_CONVENING_HANDED_OVER', 'COVERAGE_PRIORITIES_SET', 'EVENT_CREATED', 'EVENT_UPDATED', 'EVENT_RESCHEDULED', 'EVENT_STATUS_CHANGED', 'EVENT_OCCURRENCE_CHANGED', 'EVENT_AGENDA_SET', 'EVENT_MINUTES_RECORDED', 'EVENT_RSVP_CHANGED', 'EVENT_REMINDER_DUE', 'POLL_CREATED', 'POLL_ANSWERED', 'POLL_CONFIRMED', 'POLL_CLOSED', 'CALENDAR_FEED_CREATED', 'CALENDAR_FEED_REVOKED', 'POSITION_CREATED', 'POSITION_SECTION_ADDED', 'POSITION_SECTION_EDITED', 'POSITION_SECTION_REMOVED', 'POSITION_SECTIONS_REORDERED', 'POSITION_STATUS_CHANGED', 'POSITION_SIGNED', 'POSITION_SUBMITTED', 'POSITION_RESPONSE_RECORDED', 'POSITION_COMMENTED', 'POSITION_COMMENT_RESOLVED', 'POSITION_SUGGESTED', 'POSITION_SUGGESTION_ACCEPTED', 'POSITION_SUGGESTION_REJECTED', 'OFFICE_HOLDER_RECORDED', 'OFFICE_HOLDER_UPDATED', 'GOVERNANCE_CHANGE_PLANNED', 'ELECTION_ROUND_SCHEDULED', 'ELECTION_CANDIDATE_ADDED', 'ELECTION_HUSTINGS_LINKED', 'POLICE_CRIME_PLAN_RECORDED', 'POSITION_PRIORITIES_DECLARED', 'ENGAGEMENT_RECORDED', 'COMMITMENT_ADDED', 'COMMITMENT_STATUS_CHANGED', 'EVIDENCE_RECORDED', 'EVIDENCE_CITED', 'ENGAGEMENT_CORRECTED', 'EVIDENCE_WITHDRAWN', 'WEBHOOK_ENDPOINT_CREATED', 'WEBHOOK_ENDPOINT_UPDATED', 'WEBHOOK_ENDPOINT_DELETED', 'WEBHOOK_SECRET_ROTATED', 'WEBHOOK_ENDPOINT_DISABLED', 'WEBHOOK_REDELIVERY_REQUESTED', 'ORGANISATION_VERIFIED', 'ORGANISATION_VERIFICATION_WITHDRAWN')`);
    await queryRunner.query(`ALTER TABLE "activity_event" ALTER COLUMN "verb" TYPE "public"."activity_verb_old" USING "verb"::"text"::"public"."activity_verb_old"`);
    await queryRunner.query(`ALTER TABLE "webhook_delivery" ALTER COLUMN "verb" TYPE "public"."activity_verb_old" USING "verb"::"text"::"public"."activity_verb_old"`);
    await queryRunner.query(`DROP TYPE "public"."activity_verb"`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb_old" RENAME TO "activity_verb"`);
    await queryRunner.query(`DELETE FROM "notification" WHERE "category" IN ('POLLS', 'DRAFT_FEEDBACK')`);
    await queryRunner.query(`DELETE FROM "notification_preference" WHERE "category" IN ('POLLS', 'DRAFT_FEEDBACK')`);
    await queryRunner.query(`CREATE TYPE "public"."notification_category_old" AS ENUM('ORGANISATION_INVITATION', 'ACCOUNT', 'NETWORK_MEMBERSHIP', 'EVENT_REMINDER', 'EVENT_CHANGE', 'DRAFTING', 'COMMITMENTS', 'NETWORK_ACTIVITY', 'ORGANISATION_ADMIN')`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "category" TYPE "public"."notification_category_old" USING "category"::"text"::"public"."notification_category_old"`);
    await queryRunner.query(`ALTER TABLE "notification_preference" ALTER COLUMN "category" TYPE "public"."notification_category_old" USING "category"::"text"::"public"."notification_category_old"`);
    await queryRunner.query(`DROP TYPE "public"."notification_category"`);
    await queryRunner.query(`ALTER TYPE "public"."notification_category_old" RENAME TO "notification_category"`);
  }
}
