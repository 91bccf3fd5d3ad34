import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RunHub } from './run-hub.js';
import { RunRepository } from './run.repository.js';
import { RunsService } from './runs.service.js';

const COMPACT_EVERY_MS = 60_000;

/**
 * What keeps runs honest over time, on every instance: renew the lease on this instance's running
 * runs (every third of RUN_LEASE_SECONDS), mark the runs of dead instances `interrupted` once their
 * lease lapsed (at start-up, then at each renewal), and compact the logs of runs finished longer
 * than RUN_EVENTS_RETENTION_MINUTES ago.
 */
@Injectable()
export class RunUpkeep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private leaseTimer: NodeJS.Timeout | undefined;
  private compactTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly repository: RunRepository,
    private readonly runs: RunsService,
    private readonly hub: RunHub,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ module: 'run-upkeep' });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.tick();
    this.leaseTimer = setInterval(() => void this.tick(), (this.config.runs.leaseSeconds * 1000) / 3).unref();
    this.compactTimer = setInterval(() => void this.compact(), COMPACT_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.leaseTimer);
    clearInterval(this.compactTimer);
  }

  /** Renews this instance's leases, then interrupts the runs whose instance is gone. */
  async tick(): Promise<void> {
    try {
      const live = this.runs.liveRuns;
      if (live.length > 0) await this.repository.renewLeases(this.runs.instanceId, live, this.config.runs.leaseSeconds);
      for (const orphan of await this.repository.interruptOrphans()) {
        this.logger.warn({ runId: orphan.id }, 'run of a departed instance marked interrupted');
        this.hub.deliver(orphan.id, { lastEventId: orphan.lastEventId, final: true });
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'run lease upkeep failed; retrying at the next one');
    }
  }

  async compact(): Promise<void> {
    try {
      await this.repository.compact(this.config.runs.retentionMinutes);
    } catch (error) {
      this.logger.warn({ err: error }, 'compacting run events failed; retrying at the next one');
    }
  }
}
