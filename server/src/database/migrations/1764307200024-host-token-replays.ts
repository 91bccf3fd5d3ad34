import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The host site's identity tokens already spent (`POST /api/auth/sign-in/host`), kept until they
 * expire; and one `host` account per host user id, so two first sign-ins of one host user at once
 * cannot make two chat users (the second fails and finds the first's).
 */
export class HostTokenReplays1764307200024 implements MigrationInterface {
  name = 'HostTokenReplays1764307200024';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "host_token_replays" ("jti_hash" text NOT NULL CONSTRAINT "PK_host_token_replays" PRIMARY KEY, "expires_at" timestamptz NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_host_token_replays_expires_at" ON "host_token_replays" ("expires_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_account_host_account_id" ON "account" ("accountId") WHERE "providerId" = 'host'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "UQ_account_host_account_id"`);
    await queryRunner.query(`DROP TABLE "host_token_replays"`);
  }
}
