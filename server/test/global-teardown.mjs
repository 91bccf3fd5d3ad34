import { rm } from 'node:fs/promises';
import pg from 'pg';

export default async function globalTeardown() {
  // The last project to finish stops what the first one started (see global-setup.mjs).
  globalThis.__TEST_PG_USERS__ -= 1;
  if (globalThis.__TEST_PG_USERS__ > 0) return;
  const state = globalThis.__TEST_PG__;
  if (state) {
    await state.embedded.stop();
    await rm(state.dir, { recursive: true, force: true });
    return;
  }
  const client = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${process.env.TEST_PG_TEMPLATE}`);
  } finally {
    await client.end();
  }
}
