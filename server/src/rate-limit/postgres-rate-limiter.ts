import type { Pool } from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { RateLimiter, type StoreLimit } from './rate-limiter.js';

/**
 * Counters in the `rate_limits` table (rate-limiter-flexible's layout, created by a migration, not
 * at run time): one upsert per hit. A database outage surfaces as the usual DATABASE_UNAVAILABLE
 * 503, so the limit fails closed.
 */
export class PostgresRateLimiter extends RateLimiter {
  constructor(private readonly pool: Pool) {
    super();
  }

  protected createLimiter(limit: StoreLimit): RateLimiterPostgres {
    return new RateLimiterPostgres({
      ...limit,
      storeClient: this.pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      // Each instance deletes rows expired for an hour, every five minutes.
      clearExpiredByTimeout: true,
    });
  }

  /** The pool's own error, which the exception filter already answers with DATABASE_UNAVAILABLE. */
  protected unavailable(error: unknown): unknown {
    return error;
  }
}
