import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../common/domain-error.js';

export interface RateLimitRule {
  max: number;
  windowSeconds: number;
}

/** The store's side of a rule: rate-limiter-flexible's points per duration. */
export interface StoreLimit {
  points: number;
  duration: number;
  keyPrefix: string;
}

/**
 * A fixed-window counter shared by every instance (PostgreSQL or Redis, never process memory),
 * counted by rate-limiter-flexible. Stores fail closed: when the store cannot count, the request
 * is refused with a 503.
 */
export abstract class RateLimiter {
  /** One limiter per rule: rate-limiter-flexible fixes the points and duration at construction. */
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  /** Counts a hit on `key`; throws RATE_LIMITED (with Retry-After) once the window's budget is spent. */
  async consume(key: string, rule: RateLimitRule): Promise<void> {
    try {
      await this.limiterFor(rule).consume(key);
    } catch (outcome) {
      // rate-limiter-flexible rejects with a RateLimiterRes when the budget is spent, with an Error when the store failed.
      if (!(outcome instanceof RateLimiterRes)) throw this.unavailable(outcome);
      throw limited(outcome);
    }
  }

  /**
   * Throws RATE_LIMITED when the window's budget is spent already, counting nothing: for limits on
   * outcomes (failed sign-ins) that are counted with `record` once the outcome is known.
   */
  async check(key: string, rule: RateLimitRule): Promise<void> {
    let state: RateLimiterRes | null;
    try {
      state = await this.limiterFor(rule).get(key);
    } catch (error) {
      throw this.unavailable(error);
    }
    if (state && state.consumedPoints >= rule.max) throw limited(state);
  }

  /** Counts a hit on `key` without refusing anything. */
  async record(key: string, rule: RateLimitRule): Promise<void> {
    try {
      await this.limiterFor(rule).penalty(key, 1);
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  /** Releases the store's connection, if the limiter holds one of its own. */
  async close(): Promise<void> {}

  protected abstract createLimiter(limit: StoreLimit): RateLimiterAbstract;

  /** What a store failure becomes for the client: a 503, never an unlimited run. */
  protected abstract unavailable(error: unknown): unknown;

  private limiterFor(rule: RateLimitRule): RateLimiterAbstract {
    const id = `${rule.max}/${rule.windowSeconds}s`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      // The rule is part of the key, so two rules never share a counter.
      limiter = this.createLimiter({ points: rule.max, duration: rule.windowSeconds, keyPrefix: `rate-limit:${id}` });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

function limited(state: RateLimiterRes): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new DomainError('RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} s.`, {
    'retry-after': String(retryAfterSeconds),
  });
}
