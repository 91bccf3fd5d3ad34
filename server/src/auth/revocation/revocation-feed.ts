import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PG_POOL } from '../../database/database.module.js';
import { PgListener } from '../../database/pg-listener.js';
import { type RevocationKind, RevocationList, revocationRetainSeconds } from './revocation-list.js';

/** The channel the `auth_revocation_record` trigger notifies (see the auth-revocations migration). */
const CHANNEL = 'auth_revocation';
/** Each poll reads back this much further than its predecessor, for deletions that committed late. */
const POLL_OVERLAP_SECONDS = 30;
const PRUNE_EVERY_MS = 60_000;

/**
 * Keeps the RevocationList of this instance up to date with the database, on every instance:
 * - LISTEN, on the process's listening connection (PgListener, on the direct URL): a revocation
 *   reaches every instance within milliseconds of its commit;
 * - a poll of the `auth_revocations` table every AUTH_REVOCATION_POLL_SECONDS, the safety net
 *   for notifications lost while the listening connection was down (it also catches up at once
 *   when the connection is back);
 * - a full load at start-up, so a new instance knows what was revoked before it existed.
 */
@Injectable()
export class RevocationFeed implements OnModuleInit, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly retainSeconds: number;
  private readonly pollMs: number;
  private pollTimer: NodeJS.Timeout | undefined;
  private lastPollAt: number | undefined;
  private lastPruneAt = 0;

  constructor(
    private readonly list: RevocationList,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly listener: PgListener,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ module: 'revocation-feed' });
    this.retainSeconds = revocationRetainSeconds(config.auth);
    this.pollMs = config.auth.revocationPollSeconds * 1000;
  }

  async onModuleInit(): Promise<void> {
    await this.poll();
    await this.listener.listen(CHANNEL, {
      notify: (payload) => this.receive(payload),
      // Whatever was notified while nobody listened is in the table: read it back first thing.
      resumed: () => void this.poll(),
    });
    this.pollTimer = setInterval(() => void this.poll(), this.pollMs).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.pollTimer);
  }

  /** Reads the revocations since the previous poll (all those still relevant, the first time). */
  async poll(): Promise<void> {
    const startedAt = Date.now();
    const lookbackSeconds =
      this.lastPollAt === undefined ? this.retainSeconds : Math.min(this.retainSeconds, (startedAt - this.lastPollAt) / 1000 + POLL_OVERLAP_SECONDS);
    try {
      const { rows } = await this.pool.query<{ kind: RevocationKind; subject: string }>(
        `SELECT kind, subject FROM auth_revocations WHERE revoked_at > now() - make_interval(secs => $1)`,
        [lookbackSeconds],
      );
      for (const row of rows) this.list.add(row.kind, row.subject);
      this.lastPollAt = startedAt;
      this.list.prune();
      if (startedAt - this.lastPruneAt >= PRUNE_EVERY_MS) await this.pruneTable(startedAt);
    } catch (error) {
      this.logger.warn({ err: error }, 'revocation poll failed; retrying at the next one');
    }
  }

  private async pruneTable(now: number): Promise<void> {
    await this.pool.query(`DELETE FROM auth_revocations WHERE revoked_at < now() - make_interval(secs => $1)`, [
      this.retainSeconds + POLL_OVERLAP_SECONDS,
    ]);
    this.lastPruneAt = now;
  }

  private receive(payload: string): void {
    const separator = payload.indexOf(':');
    const kind = payload.slice(0, separator);
    if (kind === 'session' || kind === 'user') this.list.add(kind, payload.slice(separator + 1));
  }
}
