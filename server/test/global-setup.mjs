// Jest loads global setup outside its ESM transform, so this file imports the compiled server
// (`npm test` builds first). Once per run: a PostgreSQL (embedded, or the server named by
// TEST_DATABASE_URL) and a template database with every migration applied; each test file
// clones the template, which takes milliseconds.
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../dist/server/src/database/embedded-postgres.js';
import { runMigrations } from '../../dist/server/src/database/run-migrations.js';

async function adminQuery(adminUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function globalSetup() {
  // Several jest projects (server, e2e) share this setup: the first one starts PostgreSQL, the others reuse it.
  globalThis.__TEST_PG_USERS__ = (globalThis.__TEST_PG_USERS__ ?? 0) + 1;
  if (globalThis.__TEST_PG_USERS__ > 1) return;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dir = await mkdtemp(join(tmpdir(), 'chat-widget-test-pg-'));
    // As root, embedded-postgres runs initdb as a `postgres` user, who must be able to enter the folder.
    await chmod(dir, 0o755);
    const embedded = await startEmbeddedPostgres({ dir: join(dir, 'data'), database: 'postgres' });
    globalThis.__TEST_PG__ = { embedded, dir };
    adminUrl = embedded.urlFor('postgres');
  }
  const template = `chat_template_${process.pid}`;
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template}`);
  await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  await runMigrations(url.toString());
  process.env.TEST_PG_ADMIN_URL = adminUrl;
  process.env.TEST_PG_TEMPLATE = template;
}
