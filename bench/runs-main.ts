/**
 * `npm run bench:runs [-- --reattaches=N]`: the runs benchmark alone (bench/runs.ts: reattach,
 * stop, the event log's cost per event), on a PostgreSQL cluster of its own in .data/bench-runs;
 * prints the figures with the load average. `npm run bench` runs the same and writes them into
 * docs/performance.md.
 */
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../server/src/common/project-root.js';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { BENCH_ORIGIN, signUpBenchUser } from './api-users.js';
import { benchServerStarter, type ChildServer } from './processes.js';
import { measureRuns } from './runs.js';

const root = projectRoot();
const workDir = join(root, '.data', 'bench-runs');
const reattaches = Number(/--reattaches=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 100);
const log = (line: string) => console.log(`[bench:runs ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(): Promise<void> {
  mkdirSync(workDir, { recursive: true });
  const cluster = await startEmbeddedPostgres({ dir: join(workDir, 'postgres'), database: 'postgres' });
  const servers: ChildServer[] = [];
  try {
    const admin = new pg.Client({ connectionString: cluster.urlFor('postgres') });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS bench WITH (FORCE)');
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const start = benchServerStarter({ root, workDir, databaseUrl: cluster.urlFor('bench') });
    const startServer = async (env: Record<string, string>): Promise<ChildServer> => {
      const server = await start({ ALLOWED_ORIGINS: BENCH_ORIGIN, AGENT_RATE_LIMIT: '100000', ...env });
      servers.push(server);
      return server;
    };
    const first = await startServer({});
    const user = await signUpBenchUser(first.url, 'runs');
    const loadBefore = loadavg();
    const rows = await measureRuns({ startServer, sessionToken: user.sessionToken, reattaches, log });
    const loadAfter = loadavg();
    for (const row of rows) console.log(`${row.figure}: ${row.result}`);
    console.log(`load average (1 min) before ${loadBefore[0]!.toFixed(2)}, after ${loadAfter[0]!.toFixed(2)}, on ${cpus().length} cores`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error('bench:runs failed:', error);
  process.exit(1);
});
