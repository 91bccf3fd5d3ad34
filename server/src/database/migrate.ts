import 'reflect-metadata';
import 'dotenv/config';
import { createLogger } from '../common/logger.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { resolveDatabase } from './resolve-database.js';
import { revertLastMigration, runMigrations } from './run-migrations.js';

/**
 * `npm run migration:run` / `migration:revert` (and the deployment step): applies or reverts
 * migrations on DATABASE_URL_DIRECT (else DATABASE_URL, else the embedded PostgreSQL).
 */
async function main(command: string | undefined): Promise<void> {
  if (command !== 'run' && command !== 'revert') throw new Error('usage: migrate.js run|revert');
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const database = await resolveDatabase(config, logger);
  try {
    if (command === 'run') {
      const applied = await runMigrations(database.directUrl);
      console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations.');
    } else {
      await revertLastMigration(database.directUrl);
      console.log('Reverted the last migration.');
    }
  } finally {
    await database.stop();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
