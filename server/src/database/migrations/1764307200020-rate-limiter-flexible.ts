import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agent-run counters move to rate-limiter-flexible's table layout (key, points, expire in
 * epoch milliseconds). Counters are short-lived, so the old rows are dropped, not converted: at
 * worst a user gets one fresh window at deploy time.
 */
export class RateLimiterFlexible1764307200020 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limits"`);
    await queryRunner.query(`
      CREATE TABLE "rate_limits" (
        "key" character varying(255) NOT NULL,
        "points" integer NOT NULL DEFAULT 0,
        "expire" bigint,
        CONSTRAINT "PK_rate_limits" PRIMARY KEY ("key")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limits"`);
    await queryRunner.query(`
      CREATE TABLE "rate_limits" (
        "key" character varying(200) NOT NULL,
        "window_start" TIMESTAMP WITH TIME ZONE NOT NULL,
        "count" integer NOT NULL,
        CONSTRAINT "PK_rate_limits" PRIMARY KEY ("key")
      )`);
  }
}
