import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DomainError } from '../common/domain-error.js';
import { PG_POOL } from '../database/database.module.js';

const READINESS_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Throws DATABASE_UNAVAILABLE unless `SELECT 1` answers within the readiness timeout. */
  async assertDatabaseReachable(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), READINESS_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.pool.query('SELECT 1'), timeout]);
    } catch {
      throw new DomainError('DATABASE_UNAVAILABLE', 'The database is unreachable.');
    } finally {
      clearTimeout(timer);
    }
  }
}
