import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users' thumbs up or down on answers, with an optional reason and comment; one per answer. */
export class MessageFeedback1764307200022 implements MigrationInterface {
  name = 'MessageFeedback1764307200022';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "message_feedback" (
        "message_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "rating" character varying(8) NOT NULL,
        "reason" character varying(32),
        "comment" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_message_feedback" PRIMARY KEY ("message_id"),
        CONSTRAINT "CHK_message_feedback_rating" CHECK ("rating" IN ('up', 'down')),
        CONSTRAINT "CHK_message_feedback_reason" CHECK ("reason" IN ('incorrect', 'incomplete', 'irrelevant', 'bad_sources', 'other')),
        CONSTRAINT "CHK_message_feedback_comment" CHECK (char_length("comment") <= 1000),
        CONSTRAINT "FK_message_feedback_message" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_message_feedback_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_message_feedback_rating_created" ON "message_feedback" ("rating", "created_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_message_feedback_user" ON "message_feedback" ("user_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "message_feedback"`);
  }
}
