import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { findFreePort } from './free-port.js';
import { blockedDirectoryOnTheWay, type PostgresAccount, postgresAccount, runningAsRoot } from './postgres-access.js';
import { binariesRunnableBy, installedPostgresBinaries } from './postgres-binaries.js';
import { PostgresCluster } from './postgres-cluster.js';

export interface EmbeddedDatabase {
  /** Connection URL of the application database inside the embedded cluster. */
  url: string;
  /** URL of an arbitrary database in the same cluster (tests clone databases). */
  urlFor(database: string): string;
  /** Where the cluster keeps its data: `dir`, unless it had to move (see `movableDir`). */
  dataDir: string;
  stop(): Promise<void>;
  /** Starts the cluster again after `stop()`, on the same port and data (tests simulate outages). */
  start(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dir: string;
  /**
   * The folder is only a default (EMBEDDED_POSTGRES_DIR unset): when the `postgres` user cannot
   * reach it, the data goes to a folder of the system's temporary directory instead, and
   * `onWarning` says so. Without it, such a folder is an error that says what to do.
   */
  movableDir?: boolean;
  /** 0 picks a free port. */
  port?: number;
  database?: string;
  onLog?: (message: string) => void;
  onWarning?: (message: string) => void;
}

// Loopback-only cluster owned by this process, so a fixed local password is not a secret.
const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the binaries the `embedded-postgres` package installs: initialises
 * the cluster the first time (data kept across restarts), listens on loopback only, and creates
 * the application database. As root, PostgreSQL runs as the `postgres` user; binaries and data it
 * cannot reach from where the checkout is are moved where it can, or the start fails with a line
 * that says why and what to set.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const installed = await installedPostgresBinaries();
  const account = runningAsRoot() ? postgresAccount() : undefined;
  const binaries = account ? await binariesRunnableBy(account, installed) : installed;
  const dataDir = account ? reachableDataDir(resolve(options.dir), account, options) : resolve(options.dir);
  const port = options.port || (await findFreePort());
  const database = options.database ?? 'chat';
  const cluster = new PostgresCluster({
    binaries,
    dataDir,
    port,
    account,
    user: USER,
    password: PASSWORD,
    flags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog: options.onLog ?? (() => undefined),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await cluster.initialise();
  await cluster.start();

  const urlFor = (name: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${name}`;
  try {
    await createDatabaseIfMissing(urlFor('postgres'), database);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return { url: urlFor(database), urlFor, dataDir, stop: () => cluster.stop(), start: () => cluster.start() };
}

function reachableDataDir(dir: string, account: PostgresAccount, options: EmbeddedPostgresOptions): string {
  const blocked = blockedDirectoryOnTheWay(dir, account);
  if (!blocked) return dir;
  const why = `the embedded PostgreSQL runs as the "postgres" user (this server runs as root), which cannot enter ${blocked.dir} (mode ${blocked.mode}) to reach ${dir}`;
  if (!options.movableDir) {
    throw new Error(`${why[0]!.toUpperCase()}${why.slice(1)}: set EMBEDDED_POSTGRES_DIR to a folder it can enter (e.g. under ${tmpdir()}), or DATABASE_URL to a PostgreSQL server.`);
  }
  // One folder per checkout, so a restart finds the same data.
  const moved = join(tmpdir(), `chat-widget-postgres-data-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}`);
  const movedBlocked = blockedDirectoryOnTheWay(moved, account);
  if (movedBlocked) {
    throw new Error(`${why[0]!.toUpperCase()}${why.slice(1)}, nor ${moved}: set EMBEDDED_POSTGRES_DIR to a folder it can enter, or DATABASE_URL to a PostgreSQL server.`);
  }
  options.onWarning?.(`Embedded PostgreSQL data is kept in ${moved}: ${why}. Set EMBEDDED_POSTGRES_DIR to keep it elsewhere.`);
  return moved;
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
