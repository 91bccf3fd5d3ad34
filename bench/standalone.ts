import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../server/src/common/project-root.js';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { benchServerStarter, type ChildServer } from './processes.js';
import type { Row } from './report.js';

export type StartServer = (env: Record<string, string>) => Promise<ChildServer>;

export interface StandaloneContext {
  /** Starts the compiled server with `env` on top of the bench defaults; every one is stopped at the end. */
  startServer: StartServer;
  log: (line: string) => void;
  /** `.data/bench-<name>`: for profiles and logs. */
  workDir: string;
  /** The PostgreSQL cluster's data directory, for benches that read its CPU time. */
  postgresDataDir: string;
  /** The fresh database the servers use, for benches that fill it themselves. */
  databaseUrl: string;
}

/**
 * One of `npm run bench`'s measurements on its own (`npm run bench:<name>`): a PostgreSQL cluster of
 * its own in .data/bench-<name>, a fresh database, the compiled server started by `measure` with the
 * settings it needs; prints the rows with the load average around them. With `profileServer` and
 * `--profile` on the command line, each server writes its CPU profile to <workDir>/profiles.
 */
export async function runStandalone(
  name: string,
  measure: (context: StandaloneContext) => Promise<Row[]>,
  options: { profileServer?: boolean } = {},
): Promise<void> {
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
    const nodeArgs = options.profileServer && process.argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${join(workDir, 'profiles')}`] : [];
    const start = benchServerStarter({ root, workDir, databaseUrl: cluster.urlFor('bench'), nodeArgs });
    const startServer: StartServer = async (env) => {
      const server = await start(env);
      servers.push(server);
      return server;
    };
    const loadBefore = loadavg();
    const rows = await measure({ startServer, log, workDir, postgresDataDir, databaseUrl: cluster.urlFor('bench') });
    const loadAfter = loadavg();
    for (const row of rows) console.log(`${row.figure}: ${row.result}${row.target ? ` (target: ${row.target}, ${row.met ? 'met' : 'not met'})` : ''}`);
    console.log(`load average (1 min) before ${loadBefore[0]!.toFixed(2)}, after ${loadAfter[0]!.toFixed(2)}, on ${cpus().length} cores`);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await cluster.stop();
  }
}
