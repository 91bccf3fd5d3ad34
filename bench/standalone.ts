import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../server/src/common/project-root.js';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { findFreePort } from '../server/src/database/free-port.js';
import { type ChildServer, startNodeServer } from './processes.js';
import type { Row } from './report.js';

export type StartServer = (env: Record<string, string>) => Promise<ChildServer>;

/**
 * One of `npm run bench`'s browser measurements on its own (`npm run bench:<name>`): a PostgreSQL
 * cluster of its own in .data/bench-<name>, a fresh database, the compiled server started by
 * `measure` with the settings it needs; prints the rows with the load average around them.
 */
export async function runStandalone(name: string, measure: (startServer: StartServer, log: (line: string) => void, workDir: string) => Promise<Row[]>): Promise<void> {
  const workDir = join(projectRoot(), '.data', `bench-${name}`);
  const log = (line: string) => console.log(`[bench:${name} ${new Date().toISOString().slice(11, 19)}] ${line}`);
  mkdirSync(workDir, { recursive: true });
  const cluster = await startEmbeddedPostgres({ dir: join(workDir, 'postgres'), database: 'postgres' });
  try {
    const admin = new pg.Client({ connectionString: cluster.urlFor('postgres') });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS bench WITH (FORCE)');
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const startServer: StartServer = async (env) => {
      const port = await findFreePort();
      return startNodeServer({
        script: join(projectRoot(), 'dist/server/src/main.js'),
        env: {
          NODE_ENV: 'development',
          HOST: '127.0.0.1',
          PORT: String(port),
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          DATABASE_URL: cluster.urlFor('bench'),
          LOG_LEVEL: 'warn',
          TRUST_PROXY: '127.0.0.1',
          SERVE_EXAMPLES: 'false',
          BETTER_AUTH_SECRET: randomBytes(32).toString('base64'),
          ...env,
        },
        port,
        readyPath: '/health/ready',
        logFile: join(workDir, 'server.log'),
      });
    };
    const loadBefore = loadavg();
    const rows = await measure(startServer, log, workDir);
    const loadAfter = loadavg();
    for (const row of rows) console.log(`${row.figure}: ${row.result}${row.target ? ` (target: ${row.target}, ${row.met ? 'met' : 'not met'})` : ''}`);
    console.log(`load average (1 min) before ${loadBefore[0]!.toFixed(2)}, after ${loadAfter[0]!.toFixed(2)}, on ${cpus().length} cores`);
  } finally {
    await cluster.stop();
  }
}
