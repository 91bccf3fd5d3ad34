import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { dataSourceOptions } from './data-source-options.js';

/** The pg pool behind TypeORM, shared with Better Auth so the process holds one set of connections. */
export const PG_POOL = Symbol('PG_POOL');
/** The unpooled URL, for session-level work a transaction-mode pooler would break (LISTEN). */
export const DIRECT_DATABASE_URL = Symbol('DIRECT_DATABASE_URL');

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
      ],
      exports: [PG_POOL, DIRECT_DATABASE_URL],
    };
  }
}
