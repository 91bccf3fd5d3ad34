import type { Pool } from 'pg';
import { type RateLimitCount, RateLimiter, type RateLimitRule } from './rate-limiter.js';

/** Start of the fixed window `$2` seconds long that holds the current instant. */
const WINDOW_START = 'to_timestamp(floor(extract(epoch FROM clock_timestamp()) / $2) * $2)';
const RETRY_AFTER = 'ceil(extract(epoch FROM (window_start + make_interval(secs => $2) - clock_timestamp())))::int AS retry_after';

/**
 * Counters in the `rate_limits` table: one upsert per hit. A database outage surfaces as the
 * usual DATABASE_UNAVAILABLE 503, so the limit fails closed.
 */
export class PostgresRateLimiter extends RateLimiter {
  constructor(private readonly pool: Pool) {
    super();
  }

  protected async hit(key: string, rule: RateLimitRule): Promise<RateLimitCount> {
    const { rows } = await this.pool.query<{ count: number; retry_after: number }>(
      `WITH now AS (SELECT ${WINDOW_START} AS window_start)
       INSERT INTO rate_limits AS r (key, window_start, count)
       SELECT $1, window_start, 1 FROM now
       ON CONFLICT (key) DO UPDATE
         SET count = CASE WHEN r.window_start = EXCLUDED.window_start THEN r.count + 1 ELSE 1 END,
             window_start = EXCLUDED.window_start
       RETURNING count, ${RETRY_AFTER}`,
      [key, rule.windowSeconds],
    );
    return { count: rows[0]!.count, retryAfterSeconds: rows[0]!.retry_after };
  }

  protected async peek(key: string, rule: RateLimitRule): Promise<RateLimitCount> {
    const { rows } = await this.pool.query<{ count: number; retry_after: number }>(
      `SELECT count, ${RETRY_AFTER} FROM rate_limits WHERE key = $1 AND window_start = ${WINDOW_START}`,
      [key, rule.windowSeconds],
    );
    return rows[0] ? { count: rows[0].count, retryAfterSeconds: rows[0].retry_after } : { count: 0, retryAfterSeconds: 0 };
  }
}
