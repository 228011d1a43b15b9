import type { MigrationInterface, QueryRunner } from 'typeorm';

/** People, affiliations to organisations, refresh-token sessions, sign-in failures (throttling). */
export class Identity1795463109180 implements MigrationInterface {
  name = 'Identity1795463109180';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "password_hash" text, "platform_admin" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "person_display_name_not_blank" CHECK (length(btrim("display_name")) > 0), CONSTRAINT "person_email_normalised" CHECK ("email" = lower(btrim("email")) AND "email" LIKE '%_@_%'), CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "person_email_key" ON "person"  ("email") `);
    await queryRunner.query(`CREATE TYPE "public"."affiliation_role" AS ENUM('ORG_ADMIN', 'STAFF')`);
    await queryRunner.query(`CREATE TABLE "affiliation" ("person_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "role" "public"."affiliation_role" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8eaf4ce1f0b356b95b3aeefd39f" PRIMARY KEY ("person_id", "organisation_id"))`);
    await queryRunner.query(`CREATE INDEX "affiliation_organisation_id_idx" ON "affiliation"  ("organisation_id") `);
    await queryRunner.query(`CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "family_id" uuid NOT NULL, "person_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "rotated_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "refresh_token_token_hash_key" ON "refresh_token"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "refresh_token_family_id_idx" ON "refresh_token"  ("family_id") `);
    await queryRunner.query(`CREATE TABLE "sign_in_failure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "address" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5ad9835b7a6e51262f6fe5024de" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sign_in_failure_address_idx" ON "sign_in_failure"  ("address", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "sign_in_failure_email_idx" ON "sign_in_failure"  ("email", "occurred_at") `);
    await queryRunner.query(`ALTER TABLE "affiliation" ADD CONSTRAINT "FK_b03c71bf9167f1c4626506d317d" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "affiliation" ADD CONSTRAINT "FK_ae74d720a0246b900d0b4434150" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_424b965a6d37b889e91c97347ae" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_424b965a6d37b889e91c97347ae"`);
    await queryRunner.query(`ALTER TABLE "affiliation" DROP CONSTRAINT "FK_ae74d720a0246b900d0b4434150"`);
    await queryRunner.query(`ALTER TABLE "affiliation" DROP CONSTRAINT "FK_b03c71bf9167f1c4626506d317d"`);
    await queryRunner.query(`DROP INDEX "public"."sign_in_failure_email_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sign_in_failure_address_idx"`);
    await queryRunner.query(`DROP TABLE "sign_in_failure"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_token_family_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_token_token_hash_key"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP INDEX "public"."affiliation_organisation_id_idx"`);
    await queryRunner.query(`DROP TABLE "affiliation"`);
    await queryRunner.query(`DROP TYPE "public"."affiliation_role"`);
    await queryRunner.query(`DROP INDEX "public"."person_email_key"`);
    await queryRunner.query(`DROP TABLE "person"`);
  }
}
