import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getMigrations } from 'better-auth/db/migration';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { betterAuthOptions } from '../auth/better-auth.js';
import { createLogger } from '../common/logger.js';
import { loadConfig } from '../config/load-config.js';
import { PostgresRateLimiter } from '../rate-limit/postgres-rate-limiter.js';
import { ALL_ENTITIES } from '../entities.js';
import { dataSourceOptions } from './data-source-options.js';
import { migrations } from './migrations/index.js';
import { revertLastMigration, runMigrations } from './run-migrations.js';

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    return rows.map((r) => r.table_name as string);
  } finally {
    await client.end();
  }
}

const APP_TABLES = [
  'account',
  'admin_audit_log',
  'auth_revocations',
  'chunks',
  'conversations',
  'documents',
  'host_token_replays',
  'jwks',
  'message_feedback',
  'messages',
  'migrations',
  'rateLimit',
  'rate_limits',
  'run_events',
  'runs',
  'session',
  'typeorm_metadata',
  'user',
  'users',
  'verification',
];

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('have created every table in the template', async () => {
    expect(await tables(database.url)).toEqual(APP_TABLES);
  });

  it('match the schema Better Auth expects for the plugins we run', async () => {
    const pool = new pg.Pool({ connectionString: database.url });
    try {
      const options = betterAuthOptions({
        // Every mode on, so every plugin's schema is checked (guests: the anonymous plugin's column).
        config: loadConfig({ NODE_ENV: 'test', AUTH_MODES: 'guest,password,social,host' }),
        pool,
        mailer: { send: async () => undefined },
        rateLimiter: new PostgresRateLimiter(pool),
        logger: createLogger('silent'),
        onAuthEvent: () => undefined,
      });
      const { toBeCreated, toBeAdded } = await getMigrations(options);
      expect({ toBeCreated, toBeAdded }).toEqual({ toBeCreated: [], toBeAdded: [] });
    } finally {
      await pool.end();
    }
  });

  it('revert all the way down and apply again', async () => {
    for (let i = 0; i < migrations.length; i++) await revertLastMigration(database.url);
    expect(await tables(database.url)).toEqual(['migrations', 'typeorm_metadata']);
    const applied = await runMigrations(database.url);
    expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => m.name));
    expect(await tables(database.url)).toEqual(APP_TABLES);
  });

  it('leave nothing for `migration:generate` to do: the entities match the migrated schema', async () => {
    // Runs after the re-apply above: TypeORM keys its generated-column records by database name,
    // which in a template clone is the template's.
    const dataSource = new DataSource({ ...dataSourceOptions({ url: database.url, poolMax: 1 }), entities: ALL_ENTITIES });
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('are a no-op when already applied, also when several instances run them at once', async () => {
    const results = await Promise.all([runMigrations(database.url), runMigrations(database.url), runMigrations(database.url)]);
    expect(results.map((r) => r.length)).toEqual([0, 0, 0]);
  });
});
