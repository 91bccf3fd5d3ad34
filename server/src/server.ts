import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import type { AppConfig } from './config/app-config.js';
import { createApp } from './create-app.js';
import { resolveDatabase } from './database/resolve-database.js';
import { runMigrations } from './database/run-migrations.js';

export interface RunningServer {
  app: NestFastifyApplication;
  url: string;
  databaseUrl: string;
  /** Stops accepting, closes the app and its pool, then the embedded database if we started one. */
  close(): Promise<void>;
}

/**
 * Everything `npm start` does: find or start the database, migrate it, build the app, listen.
 * Tests use the same function, so they exercise the real start-up path.
 */
export async function startServer(config: AppConfig, logger: Logger): Promise<RunningServer> {
  const database = await resolveDatabase(config, logger);
  try {
    const databaseUrl = database.url;
    const applied = await runMigrations(database.directUrl);
    if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');

    const app = await createApp(config, databaseUrl, logger);
    await app.listen(config.port, config.host);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    return {
      app,
      url,
      databaseUrl,
      close: async () => {
        await app.close();
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop();
    throw error;
  }
}
