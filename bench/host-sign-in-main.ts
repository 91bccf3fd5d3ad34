/**
 * `npm run bench:host-sign-in [-- --seconds=N] [-- --profile]`: the host sign-in benchmark alone
 * (bench/host-sign-in.ts), on a PostgreSQL cluster of its own in .data/bench-host-sign-in; prints
 * the figure with the load average; `--profile` writes the server's CPU profile there too. `npm run
 * bench` runs the same measurement.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../server/src/common/project-root.js';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { findFreePort } from '../server/src/database/free-port.js';
import { measureHostSignIn } from './host-sign-in.js';
import { type ChildServer, startNodeServer } from './processes.js';

const root = projectRoot();
const workDir = join(root, '.data', 'bench-host-sign-in');
const seconds = Number(/--seconds=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 10);
const log = (line: string) => console.log(`[bench:host-sign-in ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(): Promise<void> {
  mkdirSync(workDir, { recursive: true });
  const pgDir = join(workDir, 'postgres');
  const cluster = await startEmbeddedPostgres({ dir: pgDir, database: 'postgres' });
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
        nodeArgs: process.argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${join(workDir, 'profiles')}`] : [],
      });
    };
    const loadBefore = loadavg();
    const rows = await measureHostSignIn({ startServer, postgresDataDir: pgDir, seconds, log });
    const loadAfter = loadavg();
    for (const row of rows) console.log(`${row.figure}: ${row.result}`);
    console.log(`load average (1 min) before ${loadBefore[0]!.toFixed(2)}, after ${loadAfter[0]!.toFixed(2)}, on ${cpus().length} cores`);
  } finally {
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error('bench:host-sign-in failed:', error);
  process.exit(1);
});
