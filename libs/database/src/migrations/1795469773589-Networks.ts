import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Local networks and memberships, with the rules the database holds: one live membership per
 * organisation per network (a partial unique index); at least one active convenor at every
 * commit, whatever runs concurrently (a deferred constraint trigger that locks the network row);
 * only CVSs convene; a network's area is fixed; membership and status history is never deleted.
 */
export class Networks1795469773589 implements MigrationInterface {
  name = 'Networks1795469773589';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."network_status" AS ENUM('FORMING', 'ACTIVE', 'DORMANT', 'CLOSED')`);
    await queryRunner.query(`CREATE TABLE "local_network" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "police_force_area_id" uuid NOT NULL, "purpose" text, "status" "public"."network_status" NOT NULL DEFAULT 'FORMING', "status_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "active_since" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "members_public" boolean NOT NULL DEFAULT false, "created_by_person_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "local_network_closed_when_closed" CHECK (("status" = 'CLOSED') = ("closed_at" IS NOT NULL)), CONSTRAINT "local_network_name_not_blank" CHECK (length(btrim("name")) > 0), CONSTRAINT "PK_5ff22713b5d01efb89d6d80ee49" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "local_network_name_id_idx" ON "local_network"  ("name", "id") `);
    await queryRunner.query(`CREATE INDEX "local_network_police_force_area_idx" ON "local_network"  ("police_force_area_id", "status") `);
    await queryRunner.query(`CREATE TYPE "public"."membership_role" AS ENUM('CONVENOR', 'MEMBER', 'OBSERVER')`);
    await queryRunner.query(`CREATE TYPE "public"."membership_status" AS ENUM('INVITED', 'REQUESTED', 'ACTIVE', 'LEFT', 'REMOVED', 'DECLINED')`);
    await queryRunner.query(`CREATE TABLE "network_membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "network_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "role" "public"."membership_role" NOT NULL, "status" "public"."membership_status" NOT NULL, "status_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "joined_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "network_membership_joined_when_active" CHECK ("status" <> 'ACTIVE' OR "joined_at" IS NOT NULL), CONSTRAINT "network_membership_ended_when_ended" CHECK (("status" IN ('LEFT', 'REMOVED', 'DECLINED')) = ("ended_at" IS NOT NULL)), CONSTRAINT "PK_2285cd04012f9c6aebab91fa91e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "network_membership_organisation_idx" ON "network_membership"  ("organisation_id", "status") `);
    await queryRunner.query(`CREATE INDEX "network_membership_network_idx" ON "network_membership"  ("network_id", "status", "role") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "network_membership_live_uq" ON "network_membership"  ("network_id", "organisation_id") WHERE "status" IN ('INVITED', 'REQUESTED', 'ACTIVE')`);
    await queryRunner.query(`CREATE TABLE "network_membership_change" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "membership_id" uuid NOT NULL, "role" "public"."membership_role" NOT NULL, "status" "public"."membership_status" NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "changed_by_person_id" uuid, "reason" text, CONSTRAINT "PK_7cd1b42e2cc8ac6ebbfa131c504" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "network_membership_change_membership_idx" ON "network_membership_change"  ("membership_id", "id") `);
    await queryRunner.query(`CREATE TABLE "network_status_change" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "network_id" uuid NOT NULL, "status" "public"."network_status" NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "changed_by_person_id" uuid, "reason" text, CONSTRAINT "PK_9523ca76803a21e94450f0a4097" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "network_status_change_network_idx" ON "network_status_change"  ("network_id", "id") `);
    await queryRunner.query(`ALTER TABLE "activity_event" ADD "network_id" uuid`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'NETWORK_CREATED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'NETWORK_UPDATED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'NETWORK_STATUS_CHANGED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'NETWORK_MEMBER_INVITED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'NETWORK_JOIN_REQUESTED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'NETWORK_MEMBER_JOINED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'NETWORK_INVITATION_DECLINED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'NETWORK_REQUEST_DECLINED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'NETWORK_MEMBER_LEFT'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'NETWORK_MEMBER_REMOVED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'NETWORK_ROLE_CHANGED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'NETWORK_CONVENING_HANDED_OVER'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE 'COVERAGE_PRIORITIES_SET'`);
    await queryRunner.query(`CREATE INDEX "activity_event_network_idx" ON "activity_event"  ("network_id", "tx_id", "sequence") `);
    await queryRunner.query(`ALTER TABLE "local_network" ADD CONSTRAINT "FK_614201479c122df8167e20dd644" FOREIGN KEY ("police_force_area_id") REFERENCES "police_force_area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "network_membership" ADD CONSTRAINT "FK_4f29cf4b94883c46084bdd9ab24" FOREIGN KEY ("network_id") REFERENCES "local_network"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "network_membership" ADD CONSTRAINT "FK_f07c9d22a3afd28fe7c62928f5c" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "network_membership_change" ADD CONSTRAINT "FK_05835a06eef70f658e4a72ec586" FOREIGN KEY ("membership_id") REFERENCES "network_membership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "network_status_change" ADD CONSTRAINT "FK_786348ed6f1bc017cb4eceb756b" FOREIGN KEY ("network_id") REFERENCES "local_network"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE FUNCTION network_keeps_a_convenor() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        -- Fired for a membership (its network_id) or a new network (its id).
        target uuid := COALESCE((to_jsonb(NEW) ->> 'network_id')::uuid, NEW.id);
      BEGIN
        -- The lock makes concurrent changes to one network wait, so each sees the other's result.
        PERFORM 1 FROM local_network WHERE id = target FOR UPDATE;
        IF NOT EXISTS (SELECT 1 FROM network_membership
                        WHERE network_id = target AND role = 'CONVENOR' AND status = 'ACTIVE') THEN
          RAISE EXCEPTION 'network % would have no active convenor', target
            USING ERRCODE = 'check_violation', CONSTRAINT = 'network_keeps_a_convenor';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE CONSTRAINT TRIGGER network_keeps_a_convenor AFTER INSERT OR UPDATE ON network_membership
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION network_keeps_a_convenor()`);
    await queryRunner.query(`CREATE CONSTRAINT TRIGGER network_starts_with_a_convenor AFTER INSERT ON local_network
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION network_keeps_a_convenor()`);
    await queryRunner.query(`CREATE FUNCTION network_convenor_is_cvs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM organisation WHERE id = NEW.organisation_id AND kind = 'CVS') THEN
          RAISE EXCEPTION 'organisation % is not a CVS and cannot convene', NEW.organisation_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'network_convenor_is_cvs';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER network_convenor_is_cvs BEFORE INSERT OR UPDATE OF role, organisation_id
      ON network_membership FOR EACH ROW WHEN (NEW.role = 'CONVENOR') EXECUTE FUNCTION network_convenor_is_cvs()`);
    await queryRunner.query(`CREATE FUNCTION network_area_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a network''s police force area cannot change'
          USING ERRCODE = 'check_violation', CONSTRAINT = 'network_area_is_fixed';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER network_area_is_fixed BEFORE UPDATE OF police_force_area_id ON local_network
      FOR EACH ROW WHEN (NEW.police_force_area_id IS DISTINCT FROM OLD.police_force_area_id)
      EXECUTE FUNCTION network_area_is_fixed()`);
    await queryRunner.query(`CREATE FUNCTION network_history_is_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are history and are never deleted', TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation', CONSTRAINT = 'network_history_is_kept';
      END $$`);
    for (const table of ['network_membership', 'network_membership_change', 'network_status_change']) {
      await queryRunner.query(`CREATE TRIGGER network_history_is_kept BEFORE DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION network_history_is_kept()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['network_membership', 'network_membership_change', 'network_status_change']) {
      await queryRunner.query(`DROP TRIGGER network_history_is_kept ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION network_history_is_kept()`);
    await queryRunner.query(`DROP TRIGGER network_area_is_fixed ON local_network`);
    await queryRunner.query(`DROP FUNCTION network_area_is_fixed()`);
    await queryRunner.query(`DROP TRIGGER network_convenor_is_cvs ON network_membership`);
    await queryRunner.query(`DROP FUNCTION network_convenor_is_cvs()`);
    await queryRunner.query(`DROP TRIGGER network_starts_with_a_convenor ON local_network`);
    await queryRunner.query(`DROP TRIGGER network_keeps_a_convenor ON network_membership`);
    await queryRunner.query(`DROP FUNCTION network_keeps_a_convenor()`);
    await queryRunner.query(`ALTER TABLE "network_status_change" DROP CONSTRAINT "FK_786348ed6f1bc017cb4eceb756b"`);
    await queryRunner.query(`ALTER TABLE "network_membership_change" DROP CONSTRAINT "FK_05835a06eef70f658e4a72ec586"`);
    await queryRunner.query(`ALTER TABLE "network_membership" DROP CONSTRAINT "FK_f07c9d22a3afd28fe7c62928f5c"`);
    await queryRunner.query(`ALTER TABLE "network_membership" DROP CONSTRAINT "FK_4f29cf4b94883c46084bdd9ab24"`);
    await queryRunner.query(`ALTER TABLE "local_network" DROP CONSTRAINT "FK_614201479c122df8167e20dd644"`);
    await queryRunner.query(`DROP INDEX "public"."activity_event_network_idx"`);
    await queryRunner.query(`CREATE TYPE "public"."activity_verb_old" AS ENUM('ORGANISATION_CREATED', 'ORGANISATION_UPDATED', 'ORGANISATION_ARCHIVED', 'SPECIALISM_CREATED', 'PERSON_INVITED', 'INVITATION_ACCEPTED', 'API_TOKEN_CREATED', 'API_TOKEN_REVOKED')`);
    await queryRunner.query(`ALTER TABLE "activity_event" ALTER COLUMN "verb" TYPE "public"."activity_verb_old" USING "verb"::"text"::"public"."activity_verb_old"`);
    await queryRunner.query(`DROP TYPE "public"."activity_verb"`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb_old" RENAME TO "activity_verb"`);
    await queryRunner.query(`ALTER TABLE "activity_event" DROP COLUMN "network_id"`);
    await queryRunner.query(`DROP INDEX "public"."network_status_change_network_idx"`);
    await queryRunner.query(`DROP TABLE "network_status_change"`);
    await queryRunner.query(`DROP TYPE "public"."network_status"`);
    await queryRunner.query(`DROP INDEX "public"."network_membership_change_membership_idx"`);
    await queryRunner.query(`DROP TABLE "network_membership_change"`);
    await queryRunner.query(`DROP TYPE "public"."membership_status"`);
    await queryRunner.query(`DROP TYPE "public"."membership_role"`);
    await queryRunner.query(`DROP INDEX "public"."network_membership_live_uq"`);
    await queryRunner.query(`DROP INDEX "public"."network_membership_network_idx"`);
    await queryRunner.query(`DROP INDEX "public"."network_membership_organisation_idx"`);
    await queryRunner.query(`DROP TABLE "network_membership"`);
    await queryRunner.query(`DROP INDEX "public"."local_network_police_force_area_idx"`);
    await queryRunner.query(`DROP INDEX "public"."local_network_name_id_idx"`);
    await queryRunner.query(`DROP TABLE "local_network"`);
  }
}
