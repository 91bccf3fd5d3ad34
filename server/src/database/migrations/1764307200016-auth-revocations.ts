import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every deleted Better Auth session and user leaves a row here and a NOTIFY on `auth_revocation`,
 * whatever deleted it (sign-out, password reset, revoke-sessions, expiry clean-up, account
 * deletion, an operator's SQL): the API's JWT guard refuses tokens naming them without a query
 * per request. Triggers rather than Better Auth hooks, so no deletion path can be missed.
 */
export class AuthRevocations1764307200016 implements MigrationInterface {
  name = 'AuthRevocations1764307200016';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "auth_revocations" ("kind" text NOT NULL CONSTRAINT "CHK_auth_revocations_kind" CHECK ("kind" IN ('session', 'user')), "subject" text NOT NULL, "revoked_at" timestamptz NOT NULL DEFAULT now())`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_auth_revocations_revoked_at" ON "auth_revocations" ("revoked_at")`);
    // The notification is delivered at commit, and only if the deletion commits.
    await queryRunner.query(
      `CREATE FUNCTION "auth_revocation_record"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO "auth_revocations" ("kind", "subject") VALUES (TG_ARGV[0], OLD."id");
         PERFORM pg_notify('auth_revocation', TG_ARGV[0] || ':' || OLD."id");
         RETURN OLD;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "session_revoked" AFTER DELETE ON "session" FOR EACH ROW EXECUTE FUNCTION "auth_revocation_record"('session')`,
    );
    await queryRunner.query(`CREATE TRIGGER "user_deleted" AFTER DELETE ON "user" FOR EACH ROW EXECUTE FUNCTION "auth_revocation_record"('user')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "user_deleted" ON "user"`);
    await queryRunner.query(`DROP TRIGGER "session_revoked" ON "session"`);
    await queryRunner.query(`DROP FUNCTION "auth_revocation_record"()`);
    await queryRunner.query(`DROP TABLE "auth_revocations"`);
  }
}
