import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each knowledge chunk keeps the anchor of its section (the heading's id on the page), so a cited
 * source links to the section, not the top of the page. Empty until the document is re-ingested.
 */
export class ChunkAnchors1764307200027 implements MigrationInterface {
  name = 'ChunkAnchors1764307200027';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chunks" ADD "anchor" text NOT NULL DEFAULT ''`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chunks" DROP COLUMN "anchor"`);
  }
}
