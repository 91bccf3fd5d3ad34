import { DomainError } from '../common/domain-error.js';

export interface RateLimitRule {
  max: number;
  windowSeconds: number;
}

/** How many hits the current window holds, and when it resets. */
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
    if (count > rule.max) throw limited(retryAfterSeconds);
  }

  /**
   * Throws RATE_LIMITED when the window's budget is spent already, counting nothing: for limits on
   * outcomes (failed sign-ins) that are counted with `record` once the outcome is known.
   */
  async check(key: string, rule: RateLimitRule): Promise<void> {
    const { count, retryAfterSeconds } = await this.peek(key, rule);
    if (count >= rule.max) throw limited(retryAfterSeconds);
  }

  /** Counts a hit on `key` without refusing anything. */
  async record(key: string, rule: RateLimitRule): Promise<void> {
    await this.hit(key, rule);
  }

  /** Releases the store's connection, if the limiter holds one of its own. */
  async close(): Promise<void> {}

  protected abstract hit(key: string, rule: RateLimitRule): Promise<RateLimitCount>;

  /** The current window's count (0 when the key has none), without counting. */
  protected abstract peek(key: string, rule: RateLimitRule): Promise<RateLimitCount>;
}

function limited(retryAfterSeconds: number): DomainError {
  return new DomainError('RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} s.`, {
    'retry-after': String(Math.max(1, retryAfterSeconds)),
  });
}
