import type { MigrationInterface, QueryRunner } from 'typeorm';

// Frozen copies: a migration must not change when the entities do later.
const CONVERSATION_SEARCH_EXPRESSION = `to_tsvector('english', "title")`;
const MESSAGE_SEARCH_EXPRESSION = `to_tsvector('english', "content")`;

/**
 * Users, conversations and messages. Shapes chosen for the hot queries:
 * - "my conversations by last activity": keyset on (user_id, last_message_at DESC, id DESC);
 * - "messages of a conversation in order": (conversation_id, created_at DESC, id DESC);
 * - search: stored tsvectors with GIN indexes; messages carry user_id so a search is scoped to one
 *   user through the same index instead of joining every match back to its conversation;
 * - an assistant message points at the user message it answers (reply_to_id), one answer each.
 */
export class ChatSchema1764307200001 implements MigrationInterface {
  name = 'ChatSchema1764307200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "auth_subject" character varying(255) NOT NULL,
        "email" character varying(320),
        "name" character varying(255),
        "image" character varying(2048),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_users" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_users_auth_subject" UNIQUE ("auth_subject")
      )`);
    await queryRunner.query(`
      CREATE TABLE "conversations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "title" character varying(200) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_message_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "message_count" integer NOT NULL DEFAULT 0,
        "search_vector" tsvector GENERATED ALWAYS AS (${CONVERSATION_SEARCH_EXPRESSION}) STORED NOT NULL,
        CONSTRAINT "PK_conversations" PRIMARY KEY ("id"),
        CONSTRAINT "FK_conversations_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_conversations_user_activity" ON "conversations" ("user_id", "last_message_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_conversations_search" ON "conversations" USING gin ("user_id", "search_vector")`,
    );
    await queryRunner.query(`
      CREATE TABLE "messages" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "conversation_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "role" character varying(16) NOT NULL,
        "content" text NOT NULL DEFAULT '',
        "sources" jsonb NOT NULL DEFAULT '[]',
        "status" character varying(16) NOT NULL DEFAULT 'complete',
        "error_code" character varying(64),
        "client_message_id" uuid,
        "reply_to_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "search_vector" tsvector GENERATED ALWAYS AS (${MESSAGE_SEARCH_EXPRESSION}) STORED NOT NULL,
        CONSTRAINT "PK_messages" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_messages_role" CHECK ("role" IN ('user', 'assistant', 'system')),
        CONSTRAINT "CHK_messages_status" CHECK ("status" IN ('complete', 'streaming', 'error', 'interrupted')),
        CONSTRAINT "UQ_messages_client_message_id" UNIQUE ("conversation_id", "client_message_id"),
        CONSTRAINT "FK_messages_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_messages_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_messages_reply_to" FOREIGN KEY ("reply_to_id") REFERENCES "messages"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_messages_conversation_order" ON "messages" ("conversation_id", "created_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_messages_search" ON "messages" USING gin ("user_id", "search_vector")`);
    // Retries look up the answer to a user message, and a retried first message its conversation.
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_messages_reply_to" ON "messages" ("reply_to_id") WHERE "reply_to_id" IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "IDX_messages_user_client_id" ON "messages" ("user_id", "client_message_id") WHERE "client_message_id" IS NOT NULL`,
    );
    // Fixed-window counters shared by every instance (per-user agent-run limit).
    await queryRunner.query(`
      CREATE TABLE "rate_limits" (
        "key" character varying(200) NOT NULL,
        "window_start" TIMESTAMP WITH TIME ZONE NOT NULL,
        "count" integer NOT NULL,
        CONSTRAINT "PK_rate_limits" PRIMARY KEY ("key")
      )`);
    // TypeORM reads generated-column expressions from its own table; without these rows
    // `migration:generate` would propose to rebuild both search columns.
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" varchar NOT NULL, "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text)`,
    );
    for (const [table, expression] of [
      ['conversations', CONVERSATION_SEARCH_EXPRESSION],
      ['messages', MESSAGE_SEARCH_EXPRESSION],
    ]) {
      await queryRunner.query(
        `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', $1, 'GENERATED_COLUMN', 'search_vector', $2)`,
        [table, expression],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_vector'`);
    await queryRunner.query(`DROP TABLE "rate_limits"`);
    await queryRunner.query(`DROP TABLE "messages"`);
    await queryRunner.query(`DROP TABLE "conversations"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
