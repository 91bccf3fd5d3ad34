import type { MigrationInterface, QueryRunner } from 'typeorm';

// Frozen copy: a migration must not change when the entity does later. Headings weigh more than body text.
const CHUNK_SEARCH_EXPRESSION = `setweight(to_tsvector('english', "heading"), 'A') || setweight(to_tsvector('english', "content"), 'B')`;

/**
 * The knowledge base the agents answer from: ingested files (`documents`, one row per file, with a
 * content hash so re-ingesting skips unchanged files) split into `chunks` by headings, each with a
 * stored tsvector under a GIN index for full-text ranking.
 */
export class KnowledgeBase1764307200002 implements MigrationInterface {
  name = 'KnowledgeBase1764307200002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "documents" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "path" character varying(1024) NOT NULL,
        "url" character varying(2048) NOT NULL,
        "title" character varying(300) NOT NULL,
        "content_hash" character varying(64) NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_documents" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_documents_path" UNIQUE ("path")
      )`);
    await queryRunner.query(`
      CREATE TABLE "chunks" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "document_id" uuid NOT NULL,
        "heading" text NOT NULL DEFAULT '',
        "content" text NOT NULL,
        "position" integer NOT NULL,
        "search_vector" tsvector GENERATED ALWAYS AS (${CHUNK_SEARCH_EXPRESSION}) STORED NOT NULL,
        CONSTRAINT "PK_chunks" PRIMARY KEY ("id"),
        CONSTRAINT "FK_chunks_document" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_chunks_document" ON "chunks" ("document_id", "position")`);
    await queryRunner.query(`CREATE INDEX "IDX_chunks_search" ON "chunks" USING gin ("search_vector")`);
    // See the chat schema migration: TypeORM compares generated columns with these records.
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'chunks', 'GENERATED_COLUMN', 'search_vector', $1)`,
      [CHUNK_SEARCH_EXPRESSION],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'chunks'`);
    await queryRunner.query(`DROP TABLE "chunks"`);
    await queryRunner.query(`DROP TABLE "documents"`);
  }
}
