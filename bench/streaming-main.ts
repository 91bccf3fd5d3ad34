/**
 * `npm run bench:streaming [-- --runs=N] [-- --profile]`: the streaming benchmark alone
 * (bench/streaming.ts), on a PostgreSQL cluster of its own in .data/bench-streaming; prints the
 * figures with the load average. `--profile` writes the page's CPU profile of each run there too.
 * `npm run bench` runs the same measurement and writes it into docs/performance.md.
 */
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../server/src/common/project-root.js';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { benchServerStarter } from './processes.js';
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
    const startServer = benchServerStarter({ root, workDir, databaseUrl: cluster.urlFor('bench') });
    const loadBefore = loadavg();
    const profileDir = process.argv.includes('--profile') ? join(workDir, 'profiles') : undefined;
    const rows = await measureStreaming({ startServer, runs, log, profileDir });
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
