import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The site owner's console:
 * - Better Auth's `admin` plugin columns (role and bans on "user", impersonatedBy on "session");
 * - pg_trgm, whose trigrams group unanswered questions by wording;
 * - the audit log of conversations read in the console;
 * - indexes for the console's date-range panels, which read answers and conversations by time
 *   across every user (the chat's own indexes all start with a user or a conversation).
 */
export class SiteOwnerConsole1764307200026 implements MigrationInterface {
  name = 'SiteOwnerConsole1764307200026';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user" ADD "role" text, ADD "banned" boolean, ADD "banReason" text, ADD "banExpires" timestamptz`);
    await queryRunner.query(`ALTER TABLE "session" ADD "impersonatedBy" text`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE TABLE "admin_audit_log" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "admin_user_id" uuid,
        "action" character varying(64) NOT NULL,
        "target_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_admin_audit_log" PRIMARY KEY ("id"),
        CONSTRAINT "FK_admin_audit_log_admin_user" FOREIGN KEY ("admin_user_id") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_admin_audit_log_created" ON "admin_audit_log" ("created_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_admin_audit_log_admin_user" ON "admin_audit_log" ("admin_user_id")`);
    // Per-day counts read (created_at, role) alone: an index-only scan of the range.
    await queryRunner.query(`CREATE INDEX "IDX_messages_created_role" ON "messages" ("created_at", "role")`);
    await queryRunner.query(`CREATE INDEX "IDX_conversations_created" ON "conversations" ("created_at")`);
    // An answer's best source score, -1 with no source at all (NULL: sources without scores). Indexed
    // with the answer's time, "unanswered in this range" is read from the index: only the few
    // flagged answers are fetched, not every answer of the range.
    await queryRunner.query(
      `CREATE FUNCTION "message_answer_score"(sources jsonb) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
         SELECT CASE
           WHEN jsonb_typeof(sources) <> 'array' THEN NULL
           WHEN jsonb_array_length(sources) = 0 THEN -1
           ELSE (SELECT max((s->>'score')::float8) FROM jsonb_array_elements(sources) s WHERE jsonb_typeof(s->'score') = 'number')
         END $$`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_messages_answer_score" ON "messages" ("created_at", "message_answer_score"("sources")) WHERE "role" = 'assistant' AND "status" = 'complete'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_messages_answer_score"`);
    await queryRunner.query(`DROP FUNCTION "message_answer_score"(jsonb)`);
    await queryRunner.query(`DROP INDEX "IDX_conversations_created"`);
    await queryRunner.query(`DROP INDEX "IDX_messages_created_role"`);
    await queryRunner.query(`DROP TABLE "admin_audit_log"`);
    // pg_trgm stays: another schema object may have come to use it.
    await queryRunner.query(`ALTER TABLE "session" DROP COLUMN "impersonatedBy"`);
    await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "role", DROP COLUMN "banned", DROP COLUMN "banReason", DROP COLUMN "banExpires"`);
  }
}
