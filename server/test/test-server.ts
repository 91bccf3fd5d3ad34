import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Clock } from '../src/common/clock.js';
import { createLogger } from '../src/common/logger.js';
import type { AppConfig } from '../src/config/app-config.js';
import { loadConfig } from '../src/config/load-config.js';
import { HttpListener } from '../src/http-listener.js';
import { startServer } from '../src/server.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestServer {
  url: string;
  config: AppConfig;
  app: NestFastifyApplication;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real server (same start-up path as `npm start`) on a free port, with a database of its own.
 * Extra settings override the test defaults, as environment variables would.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: {
    logLines?: string[];
    /** Share another server's database (several instances); it is not dropped on close. */
    database?: TestDatabase;
    /** The server's clock (CLOCK), for tests that move time instead of sleeping. */
    clock?: Clock;
  } = {},
): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  // Bound first (port 0), so the configuration names the real port and no other process can take it.
  const listener = await HttpListener.open('127.0.0.1', 0);
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(listener.port),
    PUBLIC_URL: `http://127.0.0.1:${listener.port}`,
    DATABASE_URL: database.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ALLOWED_ORIGINS: 'http://host.test',
    // Tests play many clients from one machine: each sends its own X-Forwarded-For.
    TRUST_PROXY: '127.0.0.1',
    // Tests that need a knowledge base ingest their own.
    KNOWLEDGE_INGEST_ON_START: 'none',
    ...env,
  });
  // With logLines, every JSON log line is captured there (at debug level) instead of printed.
  const logger = options.logLines
    ? createLogger('debug', { write: (line: string) => void options.logLines!.push(line) })
    : createLogger(config.logLevel);
  const server = await startServer(config, logger, { clock: options.clock, listener });
  return {
    url: server.url,
    config,
    app: server.app,
    database,
    close: async () => {
      await server.close();
      if (!options.database) await database.drop();
    },
  };
}
