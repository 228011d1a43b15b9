import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password reset requests, as asked: the request only records one (the same work whether or not
 * the address has an account, so its timing tells nothing) and a background worker does the rest.
 * They also count requests per client address for its limit.
 */
export class PasswordResetRequests1796320100000 implements MigrationInterface {
  name = 'PasswordResetRequests1796320100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "password_reset_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "address" text NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "handled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_fcf4b02eae1403a2edaf87fd074" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "password_reset_request_address_idx" ON "password_reset_request" ("address", "requested_at") `);
    await queryRunner.query(`CREATE INDEX "password_reset_request_pending_idx" ON "password_reset_request" ("requested_at") WHERE handled_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."password_reset_request_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."password_reset_request_address_idx"`);
    await queryRunner.query(`DROP TABLE "password_reset_request"`);
  }
}
