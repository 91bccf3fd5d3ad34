import type pg from 'pg';
import type { EmbeddedDatabase } from '../server/src/database/embedded-postgres.js';

/**
 * pg_stat_statements in the bench's own cluster: loaded at start-up (one restart the first time),
 * so the bench can count what the server sends to PostgreSQL from outside its process.
 */
export async function enableStatementStats(adminUrl: string, cluster: EmbeddedDatabase, client: typeof pg.Client): Promise<void> {
  const admin = new client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query<{ shared_preload_libraries: string }>('SHOW shared_preload_libraries');
  if (!rows[0]!.shared_preload_libraries.includes('pg_stat_statements')) {
    await admin.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    await admin.end();
    await cluster.stop();
    await cluster.start();
  } else await admin.end();
}

export interface StatementCount {
  /** Statements the server sent per operation, the agent's own retrieval search excluded. */
  server: number;
  /** The retrieval agent's knowledge-base search, per operation. */
  agent: number;
}

/**
 * Statements per operation: resets the statistics, runs `work` `times` times (one at a time),
 * and divides the calls the database counted. Background work (the revocation poll, the
 * rate-limit store's clean-up) and the bench's own queries are left out.
 */
export async function statementsPer(db: pg.Client, times: number, work: () => Promise<unknown>): Promise<StatementCount> {
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await db.query('SELECT pg_stat_statements_reset()');
  for (let i = 0; i < times; i++) await work();
  const { rows } = await db.query<{ server: string; agent: string }>(
    `SELECT coalesce(sum(calls) FILTER (WHERE query NOT ILIKE '%FROM chunks%'), 0) AS server,
            coalesce(sum(calls) FILTER (WHERE query ILIKE '%FROM chunks%'), 0) AS agent
     FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND query NOT ILIKE '%auth_revocations%' AND query NOT ILIKE '%pg_stat_statements%'
       AND query NOT ILIKE 'DELETE FROM rate_limits%'`,
  );
  return { server: Number(rows[0]!.server) / times, agent: Number(rows[0]!.agent) / times };
}
