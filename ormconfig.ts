import 'reflect-metadata';
import 'dotenv/config';
import { DataSource } from 'typeorm';
import { createLogger } from './server/src/common/logger.js';
import { loadConfig } from './server/src/config/load-config.js';
import { dataSourceOptions } from './server/src/database/data-source-options.js';
import { resolveDatabase } from './server/src/database/resolve-database.js';

/**
 * The DataSource for the TypeORM CLI (`npm run migration:generate -- server/src/database/migrations/Name`),
 * built from the same options as the app. With no DATABASE_URL it starts the embedded PostgreSQL.
 */
async function cliDataSource(): Promise<DataSource> {
  const config = loadConfig(process.env);
  const database = await resolveDatabase(config, createLogger('warn'));
  return new DataSource(dataSourceOptions({ url: database.directUrl, poolMax: 2, applicationName: 'typeorm-cli' }));
}

export default cliDataSource();
