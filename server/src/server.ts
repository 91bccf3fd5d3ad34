import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import type { AppConfig } from './config/app-config.js';
import { type AppOptions, createApp } from './create-app.js';
import { HttpListener } from './http-listener.js';
import { resolveDatabase } from './database/resolve-database.js';
import { assertNoPendingMigrations, runMigrations } from './database/run-migrations.js';
import { GracefulShutdown } from './lifecycle/graceful-shutdown.js';

export interface ServerOptions extends AppOptions {
  /**
   * The socket to serve on, opened by the caller (who needed the real port of PORT=0 to load the
   * configuration); opened here from `config.host`/`config.port` otherwise.
   */
  listener?: HttpListener;
}

export interface RunningServer {
  app: NestFastifyApplication;
  url: string;
  databaseUrl: string;
  /** Stops accepting, closes the app and its pool, then the embedded database if we started one. */
  close(): Promise<void>;
}

/**
 * Everything `npm start` does: find or start the database, migrate it (MIGRATE_ON_START) or check
 * that it is migrated, build the app, listen.
 * Tests use the same function, so they exercise the real start-up path.
 */
export async function startServer(config: AppConfig, logger: Logger, options: ServerOptions = {}): Promise<RunningServer> {
  const listener = options.listener ?? (await HttpListener.open(config.host, config.port));
  let database;
  try {
    database = await resolveDatabase(config, logger);
  } catch (error) {
    listener.dropConnections();
    throw error;
  }
  try {
    const databaseUrl = database.url;
    if (config.migrateOnStart) {
      const applied = await runMigrations(database.directUrl);
      if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    } else {
      await assertNoPendingMigrations(database.directUrl);
    }

    const app = await createApp(config, database, logger, { ...options, serverFactory: listener.serverFactory });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    listener.serve();
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${listener.port}`;
    return {
      app,
      url,
      databaseUrl,
      close: async () => {
        // Stop accepting connections (idle keep-alive ones close now), let running answers finish
        // within the grace period, then close the app, which closes the pool.
        listener.stopAccepting();
        const drained = await app.get(GracefulShutdown).drain(config.shutdownGraceSeconds * 1000);
        if (drained.finished || drained.interrupted) logger.info(drained, 'agent runs drained');
        await app.close();
        listener.dropConnections();
        await database.stop();
      },
    };
  } catch (error) {
    listener.dropConnections();
    await database.stop();
    throw error;
  }
}
