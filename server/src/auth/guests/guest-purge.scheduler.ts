import { Inject, Injectable, type OnApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '../../common/clock.js';
import { ROOT_LOGGER } from '../../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PG_POOL } from '../../database/database.module.js';
import { GuestRepository } from './guest.repository.js';
import { purgeExpiredGuests } from './guest-purge.js';

/** Retention is counted in days: an hourly pass deletes a guest at most an hour late. */
const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * Runs the guest purge in every instance, once at start-up and then hourly (`npm run purge` runs
 * it once by hand). Instances do not coordinate: the purge is safe to run concurrently.
 */
@Injectable()
export class GuestPurgeScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly guests: GuestRepository;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ module: 'guest-purge' });
    this.guests = new GuestRepository(pool);
  }

  onApplicationBootstrap(): void {
    this.running = this.purge();
    this.timer = setInterval(() => (this.running = this.purge()), PURGE_EVERY_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    // The pool closes after us: let a pass in flight finish on it.
    await this.running;
  }

  private async purge(): Promise<void> {
    try {
      const report = await purgeExpiredGuests(this.guests, this.config.guests.retentionDays, this.clock);
      if (report.guests) this.logger.info({ event: 'guest_purge', ...report }, `purged ${report.guests} expired guests`);
    } catch (error) {
      // The next pass tries again; a database outage is reported by the health checks.
      this.logger.warn({ err: error }, 'guest purge failed');
    }
  }
}
