import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.js';
import { DIRECT_DATABASE_URL } from './database-tokens.js';

/** What a feature does with its channel's notifications. */
export interface ChannelHandler {
  notify(payload: string): void;
  /**
   * Called when listening resumes after the connection was lost (or could not be made at first):
   * whatever was notified meanwhile is gone, so catch up from the tables.
   */
  resumed?(): void;
}

const RECONNECT_MAX_MS = 30_000;

/**
 * The process's one LISTEN connection, shared by every feature that needs notifications (auth
 * revocations, agent runs). It uses the direct URL: a transaction-mode pooler (Neon's pooled URL,
 * PgBouncer) silently drops LISTEN. NOTIFY needs no such care and goes through the pool. The
 * connection is opened on first use and reopened, with back-off, whenever it is lost.
 */
@Injectable()
export class PgListener implements OnModuleDestroy {
  private readonly logger: Logger;
  private readonly channels = new Map<string, ChannelHandler>();
  private readonly listening = new Set<string>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelayMs = 1000;
  /** Set once a connection was lost or refused: the next one tells the handlers to catch up. */
  private interrupted = false;
  private stopped = false;

  constructor(
    @Inject(DIRECT_DATABASE_URL) private readonly directUrl: string,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ module: 'pg-listener' });
  }

  /** Delivers `channel`'s notifications to `handler` from now on; resolves once listening (or once a retry is scheduled). */
  async listen(channel: string, handler: ChannelHandler): Promise<void> {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
    if (this.channels.has(channel)) throw new Error(`channel ${channel} has a handler already`);
    this.channels.set(channel, handler);
    if (!this.client && !this.stopped) await (this.connecting ??= this.connect().finally(() => (this.connecting = undefined)));
    const client = this.client;
    if (client && !this.listening.has(channel)) {
      this.listening.add(channel);
      await client.query(`LISTEN ${channel}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.directUrl });
    client.on('notification', ({ channel, payload }) => this.channels.get(channel)?.notify(payload ?? ''));
    const lost = (error?: Error) => {
      if (this.client !== client || this.stopped) return;
      this.client = undefined;
      this.listening.clear();
      this.interrupted = true;
      this.logger.warn({ err: error }, 'notification listener lost its connection; reconnecting');
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    const channels = [...this.channels.keys()];
    try {
      await client.connect();
      for (const channel of channels) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.end().catch(() => undefined);
      this.interrupted = true;
      this.logger.warn({ err: error }, 'notification listener cannot connect; retrying');
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
    for (const channel of channels) this.listening.add(channel);
    this.reconnectDelayMs = 1000;
    if (this.interrupted) {
      this.interrupted = false;
      for (const handler of this.channels.values()) handler.resumed?.();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      // Channels added while disconnected are listened to by the new connection.
      void (this.connecting ??= this.connect().finally(() => (this.connecting = undefined)));
    }, delay).unref();
  }
}
