import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  /** URL the app's pool uses (Neon: the pooled one). */
  url: string;
  /** URL for migrations and other session-level work (Neon: the direct one). */
  directUrl: string;
  /** Stops the embedded PostgreSQL if this process started one. */
  stop(): Promise<void>;
}

/** The configured database, or, when DATABASE_URL is unset, an embedded PostgreSQL started now. */
export async function resolveDatabase(config: AppConfig, logger: Logger): Promise<ResolvedDatabase> {
  if (config.database.url) {
    return { url: config.database.url, directUrl: config.database.directUrl ?? config.database.url, stop: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres({
    dir: config.database.embedded.dir,
    movableDir: config.database.embedded.movableDir,
    port: config.database.embedded.port,
    onLog: (message) => logger.debug({ module: 'embedded-postgres' }, message.trim()),
    onWarning: (message) => logger.warn({ module: 'embedded-postgres' }, message),
  });
  return { url: embedded.url, directUrl: embedded.url, stop: () => embedded.stop() };
}
