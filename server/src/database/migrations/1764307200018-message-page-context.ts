import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The page a user message was sent from (URL, title, the site's context), as the widget reported it. */
export class MessagePageContext1764307200018 implements MigrationInterface {
  name = 'MessagePageContext1764307200018';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Nullable, no default: adding it rewrites nothing, whatever the size of the table.
    await queryRunner.query(`ALTER TABLE "messages" ADD COLUMN "page_context" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "page_context"`);
  }
}
