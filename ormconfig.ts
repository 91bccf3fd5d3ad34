import 'reflect-metadata';
import 'dotenv/config';
import { DataSource } from 'typeorm';
import { createLogger } from './server/src/common/logger.js';
import { loadConfig } from './server/src/config/load-config.js';
import { dataSourceOptions } from './server/src/database/data-source-options.js';
import { resolveDatabase } from './server/src/database/resolve-database.js';
import { ALL_ENTITIES } from './server/src/entities.js';

/**
 * The DataSource for the TypeORM CLI (`npm run migration:generate -- server/src/database/migrations/Name`),
 * built from the same options as the app. With no DATABASE_URL it starts the embedded PostgreSQL.
 * The app registers these entities module by module; `migration:generate` compares all of them
 * with the database.
 */
async function cliDataSource(): Promise<DataSource> {
  const config = loadConfig(process.env);
  const database = await resolveDatabase(config, createLogger('warn'));
  return new DataSource({
    ...dataSourceOptions({ url: database.directUrl, poolMax: 2, applicationName: 'typeorm-cli' }),
    entities: ALL_ENTITIES,
  });
}

export default cliDataSource();
