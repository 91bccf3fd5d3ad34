import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Better Auth's own tables (user, session, account, verification, jwks, rateLimit), as its
 * `getMigrations(betterAuthOptions(...)).compileMigrations()` prints them for our plugin set.
 * `better-auth-schema.int-spec.ts` fails when Better Auth's expected schema drifts from this.
 */
export class BetterAuthSchema1764307200000 implements MigrationInterface {
  name = 'BetterAuthSchema1764307200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "user" ("id" text NOT NULL PRIMARY KEY, "name" text NOT NULL, "email" text NOT NULL UNIQUE, "emailVerified" boolean NOT NULL, "image" text, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL, "updatedAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "session" ("id" text NOT NULL PRIMARY KEY, "expiresAt" timestamptz NOT NULL, "token" text NOT NULL UNIQUE, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL, "updatedAt" timestamptz NOT NULL, "ipAddress" text, "userAgent" text, "userId" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE TABLE "account" ("id" text NOT NULL PRIMARY KEY, "accountId" text NOT NULL, "providerId" text NOT NULL, "userId" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" timestamptz, "refreshTokenExpiresAt" timestamptz, "scope" text, "password" text, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL, "updatedAt" timestamptz NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "verification" ("id" text NOT NULL PRIMARY KEY, "identifier" text NOT NULL, "value" text NOT NULL, "expiresAt" timestamptz NOT NULL, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL, "updatedAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "jwks" ("id" text NOT NULL PRIMARY KEY, "publicKey" text NOT NULL, "privateKey" text NOT NULL, "createdAt" timestamptz NOT NULL, "expiresAt" timestamptz, "alg" text, "crv" text)`,
    );
    await queryRunner.query(
      `CREATE TABLE "rateLimit" ("id" text NOT NULL PRIMARY KEY, "key" text NOT NULL UNIQUE, "count" integer NOT NULL, "lastRequest" bigint NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "session_userId_idx" ON "session" ("userId")`);
    await queryRunner.query(`CREATE INDEX "account_userId_idx" ON "account" ("userId")`);
    await queryRunner.query(`CREATE INDEX "verification_identifier_idx" ON "verification" ("identifier")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['rateLimit', 'jwks', 'verification', 'account', 'session', 'user']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
