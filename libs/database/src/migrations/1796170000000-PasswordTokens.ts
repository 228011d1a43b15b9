import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Single-use, expiring password tokens (stored hashed): the first admin's password, later account recovery. */
export class PasswordTokens1796170000000 implements MigrationInterface {
  name = 'PasswordTokens1796170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "password_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4b36905cda55c809d6c39cb74f1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "password_token_person_id_idx" ON "password_token"  ("person_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "password_token_token_hash_key" ON "password_token"  ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "password_token" ADD CONSTRAINT "FK_85b953ebf95c74aeb34ffac2770" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "password_token" DROP CONSTRAINT "FK_85b953ebf95c74aeb34ffac2770"`);
    await queryRunner.query(`DROP INDEX "public"."password_token_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."password_token_person_id_idx"`);
    await queryRunner.query(`DROP TABLE "password_token"`);
  }
}
