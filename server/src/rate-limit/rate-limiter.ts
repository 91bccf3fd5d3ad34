import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DomainError } from '../common/domain-error.js';
import { PG_POOL } from '../database/database.module.js';

export interface RateLimitRule {
  max: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL: one upsert per hit, so every instance behind the load
 * balancer shares the same count and a restart forgets nothing.
 */
@Injectable()
export class RateLimiter {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Counts a hit on `key`; throws RATE_LIMITED (with Retry-After) once the window's budget is spent. */
  async consume(key: string, rule: RateLimitRule): Promise<void> {
    const { rows } = await this.pool.query<{ count: number; retry_after: number }>(
      `WITH now AS (SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) / $2) * $2) AS window_start)
       INSERT INTO rate_limits AS r (key, window_start, count)
       SELECT $1, window_start, 1 FROM now
       ON CONFLICT (key) DO UPDATE
         SET count = CASE WHEN r.window_start = EXCLUDED.window_start THEN r.count + 1 ELSE 1 END,
             window_start = EXCLUDED.window_start
       RETURNING count, ceil(extract(epoch FROM (window_start + make_interval(secs => $2) - clock_timestamp())))::int AS retry_after`,
      [key, rule.windowSeconds],
    );
    const { count, retry_after } = rows[0]!;
    if (count > rule.max) {
      throw new DomainError('RATE_LIMITED', `Too many requests; try again in ${retry_after} s.`, {
        'retry-after': String(Math.max(1, retry_after)),
      });
    }
  }
}
