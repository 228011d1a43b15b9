import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Read-only API tokens for dashboards and integrations (stored hashed, scoped, revocable). */
export class ApiTokens1795463846866 implements MigrationInterface {
  name = 'ApiTokens1795463846866';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."api_token_scope_kind" AS ENUM('NATIONAL', 'POLICE_FORCE_AREA', 'NETWORK', 'ORGANISATION')`);
    await queryRunner.query(`CREATE TABLE "api_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "name" text NOT NULL, "scope_kind" "public"."api_token_scope_kind" NOT NULL, "scope_target" text, "prefix" text NOT NULL, "token_hash" text NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "api_token_scope_target" CHECK (("scope_kind" = 'NATIONAL') = ("scope_target" IS NULL)), CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "api_token_organisation_id_idx" ON "api_token"  ("organisation_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"  ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "api_token" ADD CONSTRAINT "FK_5ac1adf0bb16e6e7702e7545a4f" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "api_token" ADD CONSTRAINT "FK_22ec6c40d28d930b5367df245aa" FOREIGN KEY ("created_by_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_token" DROP CONSTRAINT "FK_22ec6c40d28d930b5367df245aa"`);
    await queryRunner.query(`ALTER TABLE "api_token" DROP CONSTRAINT "FK_5ac1adf0bb16e6e7702e7545a4f"`);
    await queryRunner.query(`DROP INDEX "public"."api_token_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."api_token_organisation_id_idx"`);
    await queryRunner.query(`DROP TABLE "api_token"`);
    await queryRunner.query(`DROP TYPE "public"."api_token_scope_kind"`);
  }
}
