import { Redis } from 'ioredis';
import { DomainError } from '../common/domain-error.js';
import { type RateLimitCount, RateLimiter, type RateLimitRule } from './rate-limiter.js';

const KEY_PREFIX = 'chat-widget:rate-limit:';

// Atomic: the first hit of a window starts its expiry, so the counter cleans itself up.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

const PEEK_SCRIPT = `
local count = redis.call('GET', KEYS[1])
if not count then return {0, 0} end
return {tonumber(count), redis.call('PTTL', KEYS[1])}`;

/**
 * Counters in Redis (REDIS_URL), for deployments that already run one and want the hot path off
 * PostgreSQL. While Redis is away a command fails within about two seconds and the request is
 * refused with 503 RATE_LIMIT_UNAVAILABLE instead of hanging or running unlimited.
 */
export class RedisRateLimiter extends RateLimiter {
  private readonly redis: Redis;

  constructor(url: string) {
    super();
    this.redis = new Redis(url, {
      // While Redis is away a command waits for one reconnection attempt, then fails.
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      commandTimeout: 2_000,
      // Keep trying in the background, at most every 2 s, so the limiter recovers by itself.
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    // Without a listener ioredis reports each failed reconnection as an unhandled error.
    this.redis.on('error', () => undefined);
  }

  protected hit(key: string, rule: RateLimitRule): Promise<RateLimitCount> {
    return this.run(HIT_SCRIPT, key, rule);
  }

  protected peek(key: string, rule: RateLimitRule): Promise<RateLimitCount> {
    return this.run(PEEK_SCRIPT, key, rule);
  }

  private async run(script: string, key: string, rule: RateLimitRule): Promise<RateLimitCount> {
    let reply: unknown;
    try {
      reply = await this.redis.eval(script, 1, KEY_PREFIX + key, String(rule.windowSeconds * 1000));
    } catch {
      throw new DomainError('RATE_LIMIT_UNAVAILABLE', 'The rate-limit store is unavailable; try again shortly.', { 'retry-after': '5' });
    }
    const [count, ttlMs] = reply as [number, number];
    return { count, retryAfterSeconds: Math.ceil(Math.max(ttlMs, 0) / 1000) };
  }

  override async close(): Promise<void> {
    this.redis.disconnect();
  }
}
