import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { dataSourceOptions } from './data-source-options.js';

/** The pg pool behind TypeORM, shared with Better Auth so the process holds one set of connections. */
export const PG_POOL = Symbol('PG_POOL');

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string, poolMax: number): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions({ url, poolMax }))],
      providers: [
        {
          provide: PG_POOL,
          inject: [DataSource],
          useFactory: (dataSource: DataSource): Pool => (dataSource.driver as PostgresDriver).master as Pool,
        },
      ],
      exports: [PG_POOL],
    };
  }
}
