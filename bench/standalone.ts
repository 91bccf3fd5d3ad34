import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../server/src/common/project-root.js';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { benchServerStarter, type ChildServer } from './processes.js';
import type { Row } from './report.js';

export type StartServer = (env: Record<string, string>) => Promise<ChildServer>;

export interface Standalone {
  /** Starts the compiled server on the bench's database (see `benchServerStarter`); stopped at the end. */
  startServer: StartServer;
  log(line: string): void;
  /** .data/bench-<name>: the server's log, profiles. */
  workDir: string;
  /** The PostgreSQL cluster's data folder (CpuMeter counts its processes). */
  postgresDataDir: string;
}

/**
 * One of `npm run bench`'s measurements on its own (`npm run bench:<name>`): a PostgreSQL cluster of
 * its own in .data/bench-<name> with a fresh database, servers started on it as `measure` asks
 * (`--profile`: with a V8 CPU profile each, in .data/bench-<name>/profiles), and the rows printed
 * with the load average around them. Exits 1 when the measurement fails.
 */
export function runStandalone(name: string, measure: (bench: Standalone) => Promise<Row[]>): void {
  run(name, measure).catch((error: unknown) => {
    console.error(`bench:${name} failed:`, error);
    process.exit(1);
  });
}

async function run(name: string, measure: (bench: Standalone) => Promise<Row[]>): Promise<void> {
  const root = projectRoot();
  const workDir = join(root, '.data', `bench-${name}`);
  const postgresDataDir = join(workDir, 'postgres');
  const log = (line: string) => console.log(`[bench:${name} ${new Date().toISOString().slice(11, 19)}] ${line}`);
  mkdirSync(workDir, { recursive: true });
  const cluster = await startEmbeddedPostgres({ dir: postgresDataDir, database: 'postgres' });
  const servers: ChildServer[] = [];
  try {
    const admin = new pg.Client({ connectionString: cluster.urlFor('postgres') });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS bench WITH (FORCE)');
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const nodeArgs = process.argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${join(workDir, 'profiles')}`] : [];
    const start = benchServerStarter({ root, workDir, databaseUrl: cluster.urlFor('bench'), nodeArgs });
    const startServer: StartServer = async (env) => {
      const server = await start(env);
      servers.push(server);
      return server;
    };
    const loadBefore = loadavg();
    const rows = await measure({ startServer, log, workDir, postgresDataDir });
    const loadAfter = loadavg();
    for (const row of rows) console.log(`${row.figure}: ${row.result}${row.target ? ` (target: ${row.target}, ${row.met ? 'met' : 'not met'})` : ''}`);
    console.log(`load average (1 min) before ${loadBefore[0]!.toFixed(2)}, after ${loadAfter[0]!.toFixed(2)}, on ${cpus().length} cores`);
  } finally {
    // A server the measurement stopped itself stops again at once.
    await Promise.all(servers.map((server) => server.stop()));
    await cluster.stop();
  }
}
