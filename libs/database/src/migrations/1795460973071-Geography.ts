import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reference geography: police force areas, governance periods, local authorities, CSPs. */
export class Geography1795460973071 implements MigrationInterface {
  name = 'Geography1795460973071';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Lets the exclusion constraint compare uuids with = inside a GiST index (trusted extension).
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`CREATE TABLE "community_safety_partnership" ("id" uuid NOT NULL, "code" character varying(9) NOT NULL, "name" text NOT NULL, "police_force_area_id" uuid NOT NULL, CONSTRAINT "UQ_a81e326c8361caaeb01af6e1fa4" UNIQUE ("code"), CONSTRAINT "PK_7d15e052a069f3fa04b5be68e93" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "community_safety_partnership_police_force_area_id_idx" ON "community_safety_partnership"  ("police_force_area_id") `);
    await queryRunner.query(`CREATE TYPE "public"."governance_type" AS ENUM('PCC', 'PFCC', 'MAYOR_PCC_FUNCTIONS', 'MAYOR_PFCC_FUNCTIONS', 'CITY_OF_LONDON_POLICE_AUTHORITY')`);
    await queryRunner.query(`CREATE TYPE "public"."certainty" AS ENUM('HIGH', 'MEDIUM', 'LOW')`);
    await queryRunner.query(`CREATE TABLE "governance_period" ("id" uuid NOT NULL, "police_force_area_id" uuid NOT NULL, "type" "public"."governance_type" NOT NULL, "office" text NOT NULL, "since" date, "until" date, "certainty" "public"."certainty" NOT NULL, "notes" text, CONSTRAINT "governance_period_dates_ordered" CHECK ("since" IS NULL OR "until" IS NULL OR "since" < "until"), CONSTRAINT "governance_period_no_overlap" EXCLUDE USING gist ("police_force_area_id" WITH =, daterange("since", "until", '[)') WITH &&), CONSTRAINT "PK_b405793a9637fb4b5b649a37b32" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "governance_period_police_force_area_id_idx" ON "governance_period"  ("police_force_area_id") `);
    await queryRunner.query(`CREATE TABLE "local_authority" ("id" uuid NOT NULL, "code" character varying(9) NOT NULL, "name" text NOT NULL, "police_force_area_id" uuid NOT NULL, "population" integer NOT NULL, CONSTRAINT "UQ_1abb350095cd5179bc3b67b13d7" UNIQUE ("code"), CONSTRAINT "local_authority_population_non_negative" CHECK ("population" >= 0), CONSTRAINT "local_authority_code_format" CHECK ("code" ~ '^(E06|E07|E08|E09|W06)[0-9]{6}$'), CONSTRAINT "PK_c243e39274795ca545f17d438e5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "local_authority_police_force_area_id_idx" ON "local_authority"  ("police_force_area_id") `);
    await queryRunner.query(`CREATE TYPE "public"."country" AS ENUM('ENGLAND', 'WALES')`);
    await queryRunner.query(`CREATE TYPE "public"."region" AS ENUM('NORTH_EAST', 'NORTH_WEST', 'YORKSHIRE_AND_THE_HUMBER', 'EAST_MIDLANDS', 'WEST_MIDLANDS', 'EAST_OF_ENGLAND', 'LONDON', 'SOUTH_EAST', 'SOUTH_WEST', 'WALES')`);
    await queryRunner.query(`CREATE TABLE "police_force_area" ("id" uuid NOT NULL, "code" character varying(9) NOT NULL, "name" text NOT NULL, "display_name" text NOT NULL, "force_name" text NOT NULL, "police_uk_force_id" text NOT NULL, "country" "public"."country" NOT NULL, "region" "public"."region" NOT NULL, "population" integer NOT NULL, CONSTRAINT "UQ_e60b4dc3533ed37a14810ecf5e3" UNIQUE ("code"), CONSTRAINT "UQ_44ea3118b4307eb20b57cbf5fce" UNIQUE ("police_uk_force_id"), CONSTRAINT "police_force_area_population_non_negative" CHECK ("population" >= 0), CONSTRAINT "police_force_area_code_format" CHECK ("code" ~ '^(E23|W15)[0-9]{6}$'), CONSTRAINT "PK_6f3dcacb8820c9e2d6785e29b07" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "local_authority_community_safety_partnership" ("local_authority_id" uuid NOT NULL, "community_safety_partnership_id" uuid NOT NULL, CONSTRAINT "PK_154d0dd3104969b290d780e29c4" PRIMARY KEY ("local_authority_id", "community_safety_partnership_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_6656a6629855c263a8d7d0d911" ON "local_authority_community_safety_partnership"  ("local_authority_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_720138947f19d8b1e7bdbe3913" ON "local_authority_community_safety_partnership"  ("community_safety_partnership_id") `);
    await queryRunner.query(`ALTER TABLE "community_safety_partnership" ADD CONSTRAINT "FK_b8ae34e1c4b6319a6100ce86592" FOREIGN KEY ("police_force_area_id") REFERENCES "police_force_area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "governance_period" ADD CONSTRAINT "FK_54d05db0899bb0d3e481f3134be" FOREIGN KEY ("police_force_area_id") REFERENCES "police_force_area"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "local_authority" ADD CONSTRAINT "FK_e3215dfd87609d91e406cb0ea4e" FOREIGN KEY ("police_force_area_id") REFERENCES "police_force_area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "local_authority_community_safety_partnership" ADD CONSTRAINT "FK_6656a6629855c263a8d7d0d9111" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    await queryRunner.query(`ALTER TABLE "local_authority_community_safety_partnership" ADD CONSTRAINT "FK_720138947f19d8b1e7bdbe39134" FOREIGN KEY ("community_safety_partnership_id") REFERENCES "community_safety_partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "local_authority_community_safety_partnership" DROP CONSTRAINT "FK_720138947f19d8b1e7bdbe39134"`);
    await queryRunner.query(`ALTER TABLE "local_authority_community_safety_partnership" DROP CONSTRAINT "FK_6656a6629855c263a8d7d0d9111"`);
    await queryRunner.query(`ALTER TABLE "local_authority" DROP CONSTRAINT "FK_e3215dfd87609d91e406cb0ea4e"`);
    await queryRunner.query(`ALTER TABLE "governance_period" DROP CONSTRAINT "FK_54d05db0899bb0d3e481f3134be"`);
    await queryRunner.query(`ALTER TABLE "community_safety_partnership" DROP CONSTRAINT "FK_b8ae34e1c4b6319a6100ce86592"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_720138947f19d8b1e7bdbe3913"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6656a6629855c263a8d7d0d911"`);
    await queryRunner.query(`DROP TABLE "local_authority_community_safety_partnership"`);
    await queryRunner.query(`DROP TABLE "police_force_area"`);
    await queryRunner.query(`DROP TYPE "public"."region"`);
    await queryRunner.query(`DROP TYPE "public"."country"`);
    await queryRunner.query(`DROP INDEX "public"."local_authority_police_force_area_id_idx"`);
    await queryRunner.query(`DROP TABLE "local_authority"`);
    await queryRunner.query(`DROP INDEX "public"."governance_period_police_force_area_id_idx"`);
    await queryRunner.query(`DROP TABLE "governance_period"`);
    await queryRunner.query(`DROP TYPE "public"."certainty"`);
    await queryRunner.query(`DROP TYPE "public"."governance_type"`);
    await queryRunner.query(`DROP INDEX "public"."community_safety_partnership_police_force_area_id_idx"`);
    await queryRunner.query(`DROP TABLE "community_safety_partnership"`);
  }
}
