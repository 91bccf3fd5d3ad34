import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agent runs as server-side resources (issue 13): a run writes one assistant message, its events
 * are logged in `run_events` so any tab or instance can replay and follow them, and the instance
 * that runs it renews a lease, so the runs of a dead instance can be told apart and interrupted.
 * No entities: like `auth_revocations`, these tables are only ever read and written by raw SQL
 * (runs/run.repository.ts).
 */
export class AgentRuns1764307200025 implements MigrationInterface {
  name = 'AgentRuns1764307200025';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "messages" DROP CONSTRAINT "CHK_messages_status", ADD CONSTRAINT "CHK_messages_status" CHECK ("status" IN ('complete', 'streaming', 'error', 'interrupted', 'stopped'))`,
    );
    // The run that wrote (or is writing) an answer; not a foreign key: runs point at their message, and go with it.
    await queryRunner.query(`ALTER TABLE "messages" ADD "run_id" uuid`);
    await queryRunner.query(
      `CREATE TABLE "runs" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "conversation_id" uuid NOT NULL,
        "message_id" uuid NOT NULL,
        "status" varchar(16) NOT NULL DEFAULT 'running',
        "last_event_id" integer NOT NULL DEFAULT 0,
        "instance_id" varchar(200) NOT NULL,
        "lease_until" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "finished_at" timestamptz,
        "events_compacted" boolean NOT NULL DEFAULT false,
        CONSTRAINT "PK_runs" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_runs_status" CHECK ("status" IN ('running', 'complete', 'stopped', 'error', 'interrupted')),
        CONSTRAINT "FK_runs_message" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE
      )`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_runs_message" ON "runs" ("message_id")`);
    // The lease sweep reads only running runs; the compaction only finished, uncompacted ones.
    await queryRunner.query(`CREATE INDEX "IDX_runs_running_lease" ON "runs" ("lease_until") WHERE "status" = 'running'`);
    await queryRunner.query(`CREATE INDEX "IDX_runs_compactable" ON "runs" ("finished_at") WHERE "finished_at" IS NOT NULL AND NOT "events_compacted"`);
    await queryRunner.query(
      `CREATE TABLE "run_events" (
        "run_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "event" varchar(16) NOT NULL,
        "data" text NOT NULL,
        CONSTRAINT "PK_run_events" PRIMARY KEY ("run_id", "seq"),
        CONSTRAINT "FK_run_events_run" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "run_events"`);
    await queryRunner.query(`DROP TABLE "runs"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "run_id"`);
    await queryRunner.query(`UPDATE "messages" SET "status" = 'interrupted' WHERE "status" = 'stopped'`);
    await queryRunner.query(
      `ALTER TABLE "messages" DROP CONSTRAINT "CHK_messages_status", ADD CONSTRAINT "CHK_messages_status" CHECK ("status" IN ('complete', 'streaming', 'error', 'interrupted'))`,
    );
  }
}
