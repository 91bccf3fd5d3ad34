import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PG_POOL } from '../database/database.module.js';
import { createMailer } from '../mail/mailer.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { AuthEvents } from './auth-events.js';
import { type BetterAuth, createBetterAuth } from './better-auth.js';

// Shared by every instance: serialises the creation of the first signing key.
const SIGNING_KEY_LOCK = 727_310_002;

/** Owns the Better Auth instance hosted by this server. */
@Injectable()
export class BetterAuthService implements OnModuleInit {
  readonly auth: BetterAuth;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(ROOT_LOGGER) logger: Logger,
    @Inject(RateLimiter) rateLimiter: RateLimiter,
    events: AuthEvents,
  ) {
    const mailer = createMailer(config.mail.smtpUrl, config.mail.from, logger.child({ module: 'mail' }));
    this.auth = createBetterAuth({
      config,
      pool,
      mailer,
      rateLimiter,
      logger: logger.child({ module: 'better-auth' }),
      onAuthEvent: (event) => events.record(event),
    });
  }

  /**
   * Better Auth creates a signing key lazily, on the first /jwks or /token call; concurrent first
   * calls would each create one. Creating it here, once, under a lock shared by all instances,
   * leaves exactly one key.
   */
  async onModuleInit(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [SIGNING_KEY_LOCK]);
      await this.auth.api.getJwks();
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
