import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { dataSourceOptions } from './data-source-options.js';

import { DIRECT_DATABASE_URL, PG_POOL } from './database-tokens.js';
import { PgListener } from './pg-listener.js';

export { DIRECT_DATABASE_URL, PG_POOL };

export interface DatabaseUrls {
  /** What the app's pool connects to (Neon: the pooled URL). */
  url: string;
  /** Session-level work: migrations, LISTEN (Neon: the direct URL). */
  directUrl: string;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot({ url, directUrl }: DatabaseUrls, poolMax: number): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions({ url, poolMax }), autoLoadEntities: true })],
      providers: [
        {
          provide: PG_POOL,
          inject: [DataSource],
          useFactory: (dataSource: DataSource): Pool => (dataSource.driver as PostgresDriver).master as Pool,
        },
        { provide: DIRECT_DATABASE_URL, useValue: directUrl },
        PgListener,
      ],
      exports: [PG_POOL, DIRECT_DATABASE_URL, PgListener],
    };
  }
}
