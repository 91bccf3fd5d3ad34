import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { adminQuery, databaseUrl, testPostgres } from './test-postgres.js';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, fully migrated database of its own, cloned from the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template } = testPostgres();
  const name = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** One statement on its own connection, for tests that read or seed rows directly. */
export async function queryRows(url: string, sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}
