import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Invitations of email addresses to organisations (single-use, expiring, stored hashed). */
export class Invitations1795464111213 implements MigrationInterface {
  name = 'Invitations1795464111213';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "email" text NOT NULL, "role" "public"."affiliation_role" NOT NULL, "token_hash" text NOT NULL, "invited_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "accepted_by_id" uuid, CONSTRAINT "PK_beb994737756c0f18a1c1f8669c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "invitation_organisation_id_idx" ON "invitation"  ("organisation_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "invitation_token_hash_key" ON "invitation"  ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "invitation" ADD CONSTRAINT "FK_913833c1541e680e8112131222f" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invitation" ADD CONSTRAINT "FK_9fcebfddfa4369ac0e3c26dc8a3" FOREIGN KEY ("invited_by_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "FK_9fcebfddfa4369ac0e3c26dc8a3"`);
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "FK_913833c1541e680e8112131222f"`);
    await queryRunner.query(`DROP INDEX "public"."invitation_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."invitation_organisation_id_idx"`);
    await queryRunner.query(`DROP TABLE "invitation"`);
  }
}
