import { DataSource, type Migration } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

// Arbitrary constant shared by every instance: whoever holds it migrates, the others wait.
const MIGRATION_LOCK_KEY = 727_310_001;

/**
 * Applies pending migrations, serialised across instances by a session advisory lock, so several
 * replicas (or a deploy step and a replica) starting together do not race. Needs a direct (unpooled)
 * connection: session locks do not survive a transaction-mode pooler.
 */
export async function runMigrations(url: string): Promise<Migration[]> {
  return withMigrationDataSource(url, (ds) => ds.runMigrations({ transaction: 'each' }));
}

/** Refuses to start on a schema the code does not expect (MIGRATE_ON_START=false and no deploy step ran). */
export async function assertNoPendingMigrations(url: string): Promise<void> {
  const pending = await withMigrationDataSource(url, (ds) => ds.showMigrations());
  if (pending) throw new Error('The database has pending migrations: run `npm run deploy:migrate` first (or set MIGRATE_ON_START=true).');
}

/** Reverts the most recent migration (`npm run migration:revert`). */
export async function revertLastMigration(url: string): Promise<void> {
  await withMigrationDataSource(url, (ds) => ds.undoLastMigration({ transaction: 'each' }));
}

async function withMigrationDataSource<T>(url: string, work: (ds: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource({ ...dataSourceOptions({ url, poolMax: 2, applicationName: 'chat-widget-migrations' }) });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await work(dataSource);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
    await dataSource.destroy();
  }
}
