import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations/index.js';

export interface DatabaseConnection {
  url: string;
  poolMax: number;
  applicationName?: string;
}

/**
 * The one DataSource shape shared by the app, `ormconfig.ts` (TypeORM CLI) and the tests.
 * `sslmode=require` and friends in the URL are honoured by node-postgres itself. No entities:
 * each feature module registers its own (`TypeOrmModule.forFeature`), so this folder depends on
 * no domain; the CLI lists them in `ormconfig.ts`.
 */
export function dataSourceOptions({ url, poolMax, applicationName = 'chat-widget' }: DatabaseConnection): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    applicationName,
    extra: {
      max: poolMax,
      // Fail fast instead of queueing forever when the database is away; readiness reports it.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    },
  };
}
