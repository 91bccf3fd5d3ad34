import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { DomainError } from '../common/domain-error.js';
import { RateLimiter, type StoreLimit } from './rate-limiter.js';

/**
 * Counters in Redis (REDIS_URL), for deployments that already run one and want the hot path off
 * PostgreSQL. While Redis is away a hit fails within about two seconds and the request is refused
 * with 503 RATE_LIMIT_UNAVAILABLE instead of hanging or running unlimited.
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

  protected createLimiter(limit: StoreLimit): RateLimiterRedis {
    return new RateLimiterRedis({
      ...limit,
      keyPrefix: `chat-widget:${limit.keyPrefix}`,
      storeClient: this.redis,
      useRedisPackage: false,
    });
  }

  protected unavailable(): DomainError {
    return new DomainError('RATE_LIMIT_UNAVAILABLE', 'The rate-limit store is unavailable; try again shortly.', { 'retry-after': '5' });
  }

  override async close(): Promise<void> {
    this.redis.disconnect();
  }
}
