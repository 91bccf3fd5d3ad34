import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import pg, { type Pool } from 'pg';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DIRECT_DATABASE_URL, PG_POOL } from '../../database/database.module.js';
import { type RevocationKind, RevocationList, revocationRetainSeconds } from './revocation-list.js';

/** The channel the `auth_revocation_record` trigger notifies (see the auth-revocations migration). */
const CHANNEL = 'auth_revocation';
/** Each poll reads back this much further than its predecessor, for deletions that committed late. */
const POLL_OVERLAP_SECONDS = 30;
const PRUNE_EVERY_MS = 60_000;
const RECONNECT_MAX_MS = 30_000;

/**
 * Keeps the RevocationList of this instance up to date with the database, on every instance:
 * - LISTEN on a dedicated connection to the direct URL (a transaction-mode pooler would drop
 *   it): a revocation reaches every instance within milliseconds of its commit;
 * - a poll of the `auth_revocations` table every AUTH_REVOCATION_POLL_SECONDS, the safety net
 *   for notifications lost while the listening connection was down (it also reconnects, with
 *   back-off, and catches up at once when it is back);
 * - a full load at start-up, so a new instance knows what was revoked before it existed.
 */
@Injectable()
export class RevocationFeed implements OnModuleInit, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly retainSeconds: number;
  private readonly pollMs: number;
  private listener: pg.Client | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelayMs = 1000;
  private lastPollAt: number | undefined;
  private lastPruneAt = 0;
  private stopped = false;

  constructor(
    private readonly list: RevocationList,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(DIRECT_DATABASE_URL) private readonly directUrl: string,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ module: 'revocation-feed' });
    this.retainSeconds = revocationRetainSeconds(config.auth);
    this.pollMs = config.auth.revocationPollSeconds * 1000;
  }

  async onModuleInit(): Promise<void> {
    await this.poll();
    await this.listen();
    this.pollTimer = setInterval(() => void this.poll(), this.pollMs).unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
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

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.directUrl });
    client.on('notification', ({ channel, payload }) => {
      if (channel === CHANNEL && payload) this.receive(payload);
    });
    const lost = (error?: Error) => {
      if (this.listener !== client || this.stopped) return;
      this.listener = undefined;
      this.logger.warn({ err: error }, 'revocation listener lost its connection; reconnecting');
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      client.end().catch(() => undefined);
      this.logger.warn({ err: error }, 'revocation listener cannot connect; retrying');
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end();
      return;
    }
    this.listener = client;
    this.reconnectDelayMs = 1000;
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      // Whatever was notified while nobody listened is in the table: read it back first thing.
      void this.listen().then(() => this.listener && this.poll());
    }, delay).unref();
  }

  private receive(payload: string): void {
    const separator = payload.indexOf(':');
    const kind = payload.slice(0, separator);
    if (kind === 'session' || kind === 'user') this.list.add(kind, payload.slice(separator + 1));
  }
}
