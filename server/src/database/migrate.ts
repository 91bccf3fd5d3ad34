import 'reflect-metadata';
import 'dotenv/config';
import { createLogger } from '../common/logger.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { resolveDatabase, type ResolvedDatabase } from './resolve-database.js';
import { revertLastMigration, runMigrations } from './run-migrations.js';

/**
 * The database to migrate. A deployment step needs only the database settings, not the whole
 * production configuration (secrets, SMTP…), so an explicit URL is used as it is; without one
 * (development) the embedded PostgreSQL is started as `npm start` would.
 */
async function databaseToMigrate(env: NodeJS.ProcessEnv): Promise<ResolvedDatabase> {
  const url = env.DATABASE_URL_DIRECT || env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError(['DATABASE_URL_DIRECT/DATABASE_URL: must be a postgres:// or postgresql:// URL']);
    return { url, directUrl: url, stop: async () => undefined };
  }
  if (env.NODE_ENV === 'production') throw new ConfigError(['DATABASE_URL (unset): required in production']);
  const config = loadConfig(env);
  return resolveDatabase(config, createLogger(config.logLevel));
}

/**
 * `npm run deploy:migrate` and `migration:run` / `migration:revert`: applies or reverts migrations on
 * DATABASE_URL_DIRECT (else DATABASE_URL, else the embedded PostgreSQL). Safe to run from several
 * instances at once: they queue on an advisory lock and the later ones find nothing to do.
 */
async function main(command: string | undefined): Promise<void> {
  if (command !== 'run' && command !== 'revert') throw new Error('usage: migrate.js run|revert');
  const database = await databaseToMigrate(process.env);
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
