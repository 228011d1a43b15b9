import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations, the specialism vocabulary, and the specialisms and local authorities of each. */
export class Organisations1795462831964 implements MigrationInterface {
  name = 'Organisations1795462831964';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "specialism" ("code" character varying(64) NOT NULL, "label" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "specialism_code_format" CHECK ("code" ~ '^[A-Z][A-Z0-9_]{1,63}$'), CONSTRAINT "PK_3c6e1aa6f1ce7ee59ed656497ca" PRIMARY KEY ("code"))`);
    // The initial controlled vocabulary of criminal-justice specialisms; admins may add more.
    await queryRunner.query(`INSERT INTO "specialism" ("code", "label") VALUES
        ('WOMEN', 'Women'),
        ('RACIALLY_MINORITISED_COMMUNITIES', 'Racially minoritised communities'),
        ('YOUNG_ADULTS', 'Young adults (18–25)'),
        ('CHILDREN_AND_YOUNG_PEOPLE', 'Children and young people'),
        ('DRUGS_AND_ALCOHOL', 'Drugs and alcohol'),
        ('MENTAL_HEALTH', 'Mental health'),
        ('LEARNING_DISABILITIES', 'Learning disabilities'),
        ('HOUSING', 'Housing'),
        ('EMPLOYMENT_AND_SKILLS', 'Employment and skills'),
        ('FAMILIES', 'Families'),
        ('ARTS', 'Arts'),
        ('VICTIMS', 'Victims'),
        ('RESTORATIVE_JUSTICE', 'Restorative justice'),
        ('LGBTQ', 'LGBTQ+ people'),
        ('VETERANS', 'Veterans'),
        ('OLDER_PEOPLE', 'Older people')`);
    await queryRunner.query(`CREATE TYPE "public"."organisation_kind" AS ENUM('CVS', 'VOLUNTARY_ORGANISATION', 'NATIONAL_PARTNER', 'STATUTORY', 'OTHER')`);
    await queryRunner.query(`CREATE TYPE "public"."organisation_status" AS ENUM('ACTIVE', 'ARCHIVED')`);
    await queryRunner.query(`CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" "public"."organisation_kind" NOT NULL, "charity_number" character varying(11), "company_number" character varying(8), "website" text, "contact_email" text, "status" "public"."organisation_status" NOT NULL DEFAULT 'ACTIVE', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "archived_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "organisation_archived_when_archived" CHECK (("status" = 'ARCHIVED') = ("archived_at" IS NOT NULL)), CONSTRAINT "organisation_company_number_format" CHECK ("company_number" ~ '^([0-9]{8}|[A-Z]{2}[0-9]{6})$'), CONSTRAINT "organisation_charity_number_format" CHECK ("charity_number" ~ '^[0-9]{6,8}(-[0-9]{1,2})?$'), CONSTRAINT "organisation_name_not_blank" CHECK (length(btrim("name")) > 0), CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "organisation_name_id_idx" ON "organisation"  ("name", "id") `);
    await queryRunner.query(`CREATE TABLE "organisation_specialism" ("organisation_id" uuid NOT NULL, "specialism_code" character varying(64) NOT NULL, CONSTRAINT "PK_8eb4cd5e69178deccd40634af05" PRIMARY KEY ("organisation_id", "specialism_code"))`);
    await queryRunner.query(`CREATE INDEX "organisation_specialism_specialism_code_idx" ON "organisation_specialism"  ("specialism_code") `);
    await queryRunner.query(`CREATE TABLE "organisation_local_authority" ("organisation_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, CONSTRAINT "PK_850ae09c9783c7dc177c89287e5" PRIMARY KEY ("organisation_id", "local_authority_id"))`);
    await queryRunner.query(`CREATE INDEX "organisation_local_authority_local_authority_id_idx" ON "organisation_local_authority"  ("local_authority_id") `);
    await queryRunner.query(`ALTER TABLE "organisation_specialism" ADD CONSTRAINT "FK_f1c5007ccba729ca4f3df04b44f" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "organisation_specialism" ADD CONSTRAINT "FK_4e938f8925daf1cefa738abef04" FOREIGN KEY ("specialism_code") REFERENCES "specialism"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "organisation_local_authority" ADD CONSTRAINT "FK_6b826eaaaa8d25cf9800fbb1bd9" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "organisation_local_authority" ADD CONSTRAINT "FK_b7637db63a79d76074af4d5363c" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisation_local_authority" DROP CONSTRAINT "FK_b7637db63a79d76074af4d5363c"`);
    await queryRunner.query(`ALTER TABLE "organisation_local_authority" DROP CONSTRAINT "FK_6b826eaaaa8d25cf9800fbb1bd9"`);
    await queryRunner.query(`ALTER TABLE "organisation_specialism" DROP CONSTRAINT "FK_4e938f8925daf1cefa738abef04"`);
    await queryRunner.query(`ALTER TABLE "organisation_specialism" DROP CONSTRAINT "FK_f1c5007ccba729ca4f3df04b44f"`);
    await queryRunner.query(`DROP INDEX "public"."organisation_local_authority_local_authority_id_idx"`);
    await queryRunner.query(`DROP TABLE "organisation_local_authority"`);
    await queryRunner.query(`DROP INDEX "public"."organisation_specialism_specialism_code_idx"`);
    await queryRunner.query(`DROP TABLE "organisation_specialism"`);
    await queryRunner.query(`DROP INDEX "public"."organisation_name_id_idx"`);
    await queryRunner.query(`DROP TABLE "organisation"`);
    await queryRunner.query(`DROP TYPE "public"."organisation_status"`);
    await queryRunner.query(`DROP TYPE "public"."organisation_kind"`);
    await queryRunner.query(`DROP TABLE "specialism"`);
  }
}
