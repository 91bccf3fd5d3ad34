/**
 * `npm run bench:streaming [-- --runs=N]`: the streaming benchmark alone (bench/streaming.ts), on a
 * PostgreSQL cluster of its own in .data/bench-streaming; prints the figures with the load average.
 * `npm run bench` runs the same measurement and writes it into docs/performance.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../server/src/common/project-root.js';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { findFreePort } from '../server/src/database/free-port.js';
import { type ChildServer, startNodeServer } from './processes.js';
import { measureStreaming } from './streaming.js';

const root = projectRoot();
const workDir = join(root, '.data', 'bench-streaming');
const runs = Number(/--runs=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 3);
const log = (line: string) => console.log(`[bench:streaming ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(): Promise<void> {
  mkdirSync(workDir, { recursive: true });
  const cluster = await startEmbeddedPostgres({ dir: join(workDir, 'postgres'), database: 'postgres' });
  try {
    const admin = new pg.Client({ connectionString: cluster.urlFor('postgres') });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS bench WITH (FORCE)');
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const startServer = async (env: Record<string, string>): Promise<ChildServer> => {
      const port = await findFreePort();
      return startNodeServer({
        script: join(root, 'dist/server/src/main.js'),
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
    const rows = await measureStreaming({ startServer, runs, log });
    const loadAfter = loadavg();
    for (const row of rows) console.log(`${row.figure}: ${row.result}${row.target ? ` (target: ${row.target}, ${row.met ? 'met' : 'not met'})` : ''}`);
    console.log(`load average (1 min) before ${loadBefore[0]!.toFixed(2)}, after ${loadAfter[0]!.toFixed(2)}, on ${cpus().length} cores`);
  } finally {
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error('bench:streaming failed:', error);
  process.exit(1);
});
