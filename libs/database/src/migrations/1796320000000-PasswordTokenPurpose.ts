import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A password token says what it is for: SETUP (a platform admin's, from the CLI) or RESET (an
 * emailed recovery link), so that asking for a reset voids earlier reset links only, never an
 * operator's unused setup token. Existing tokens: reset links live one hour; anything longer was
 * issued by the CLI.
 */
export class PasswordTokenPurpose1796320000000 implements MigrationInterface {
  name = 'PasswordTokenPurpose1796320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."password_token_purpose" AS ENUM('SETUP', 'RESET')`);
    await queryRunner.query(
      `ALTER TABLE "password_token" ADD "purpose" "public"."password_token_purpose" NOT NULL DEFAULT 'RESET'`,
    );
    await queryRunner.query(
      `UPDATE "password_token" SET "purpose" = 'SETUP' WHERE "expires_at" - "created_at" > interval '61 minutes'`,
    );
    await queryRunner.query(`ALTER TABLE "password_token" ALTER COLUMN "purpose" DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "password_token" DROP COLUMN "purpose"`);
    await queryRunner.query(`DROP TYPE "public"."password_token_purpose"`);
  }
}
