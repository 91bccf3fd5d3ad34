import type { MigrationInterface, QueryRunner } from 'typeorm';

const CONTROL_CHARACTERS = `'[\\u0001-\\u001f\\u007f-\\u009f\\u2028\\u2029]'`;

/**
 * Better Auth's `user` rows within the profile rules (auth/profile/profile-rules.ts): a name of at
 * most 100 characters without control characters, an image that is an https: URL of at most 2048.
 * Rows written before the rules existed are fitted first (such an account answered 500 on every
 * API call, its name being too long for our `users` table); the constraints then keep any write
 * path, hooks or not, from storing a profile the API cannot.
 */
export class UserProfileBounds1764307200017 implements MigrationInterface {
  name = 'UserProfileBounds1764307200017';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "user" SET "name" = btrim(left(btrim(regexp_replace("name", ${CONTROL_CHARACTERS}, ' ', 'g')), 100))
       WHERE char_length("name") > 100 OR "name" ~ ${CONTROL_CHARACTERS}`,
    );
    await queryRunner.query(`UPDATE "user" SET "image" = NULL WHERE NOT ("image" ~* '^https:' AND char_length("image") <= 2048)`);
    await queryRunner.query(
      `ALTER TABLE "user" ADD CONSTRAINT "CHK_user_name" CHECK (char_length("name") <= 100 AND "name" !~ ${CONTROL_CHARACTERS})`,
    );
    await queryRunner.query(
      `ALTER TABLE "user" ADD CONSTRAINT "CHK_user_image" CHECK ("image" IS NULL OR ("image" ~* '^https:' AND char_length("image") <= 2048))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user" DROP CONSTRAINT "CHK_user_image"`);
    await queryRunner.query(`ALTER TABLE "user" DROP CONSTRAINT "CHK_user_name"`);
  }
}
