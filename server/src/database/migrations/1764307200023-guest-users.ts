import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Guests (AUTH_MODES=guest) are Better Auth users of its `anonymous` plugin, marked by the column
 * the plugin adds. Added whatever the modes, so turning guests on or off never needs a migration.
 * The partial index serves the purge, which looks only at guests, oldest first.
 */
export class GuestUsers1764307200023 implements MigrationInterface {
  name = 'GuestUsers1764307200023';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user" ADD COLUMN "isAnonymous" boolean DEFAULT false`);
    await queryRunner.query(`CREATE INDEX "user_guest_createdAt_idx" ON "user" ("createdAt") WHERE "isAnonymous"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "user_guest_createdAt_idx"`);
    await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "isAnonymous"`);
  }
}
