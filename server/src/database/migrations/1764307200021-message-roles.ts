import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Messages are written by the user or the agent; the `system` role was allowed but never written. */
export class MessageRoles1764307200021 implements MigrationInterface {
  name = 'MessageRoles1764307200021';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "messages" DROP CONSTRAINT "CHK_messages_role", ADD CONSTRAINT "CHK_messages_role" CHECK ("role" IN ('user', 'assistant'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "messages" DROP CONSTRAINT "CHK_messages_role", ADD CONSTRAINT "CHK_messages_role" CHECK ("role" IN ('user', 'assistant', 'system'))`,
    );
  }
}
