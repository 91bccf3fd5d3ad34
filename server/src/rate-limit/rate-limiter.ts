import { DomainError } from '../common/domain-error.js';

export interface RateLimitRule {
  max: number;
  windowSeconds: number;
}

/** Outcome of one hit: how many hits the window holds now, and when it resets. */
export interface RateLimitCount {
  count: number;
  retryAfterSeconds: number;
}

/**
 * A fixed-window counter shared by every instance (PostgreSQL or Redis, never process memory).
 * Stores fail closed: when the store cannot count, the request is refused with a 503.
 */
export abstract class RateLimiter {
  /** Counts a hit on `key`; throws RATE_LIMITED (with Retry-After) once the window's budget is spent. */
  async consume(key: string, rule: RateLimitRule): Promise<void> {
    const { count, retryAfterSeconds } = await this.hit(key, rule);
    if (count > rule.max) {
      throw new DomainError('RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} s.`, {
        'retry-after': String(Math.max(1, retryAfterSeconds)),
      });
    }
  }

  /** Releases the store's connection, if the limiter holds one of its own. */
  async close(): Promise<void> {}

  protected abstract hit(key: string, rule: RateLimitRule): Promise<RateLimitCount>;
}
