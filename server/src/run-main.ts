import type { Logger } from 'pino';
import { createLogger } from './common/logger.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { HttpListener } from './http-listener.js';
import { startServer, type ServerOptions } from './server.js';

/** Something an entry point runs next to the API (the development examples server), stopped before it. */
export interface Companion {
  /** Printed under the API's own line once everything listens. */
  banner: string;
  /** Logged with 'server listening'. */
  logFields: Record<string, unknown>;
  close(): Promise<void>;
}

export interface MainOptions {
  /** Options for the API server, decided from the loaded configuration. */
  serverOptions?: (config: AppConfig) => ServerOptions;
  /** Started once the API listens; its URL is known by then. */
  startCompanion?: (config: AppConfig, logger: Logger) => Promise<Companion | undefined>;
}

/**
 * What an entry point does: load and check the configuration (one line per bad setting), start
 * the server, print where it listens, and own the process signals for an orderly shutdown.
 */
export async function runMain(options: MainOptions = {}): Promise<void> {
  let config = loadConfigOrExit(process.env);
  const started = Date.now();
  const listener = await HttpListener.open(config.host, config.port);
  // PORT=0: the configuration (public URL, issuer, allowed origins) names the port the system chose.
  if (config.port === 0) config = loadConfigOrExit({ ...process.env, PORT: String(listener.port) });
  const logger = createLogger(config.logLevel, undefined, config.logFormat);
  const server = await startServer(config, logger, { ...options.serverOptions?.(config), listener });
  const companion = await options.startCompanion?.(config, logger);
  logger.info({ url: server.url, publicUrl: config.publicUrl, ...companion?.logFields, ms: Date.now() - started }, 'server listening');
  console.log(
    `\n  Chat widget server ready: ${server.url}${config.apiDocs ? `   API docs: ${server.url}/api/docs` : ''}\n` + (companion?.banner ?? ''),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    // A second signal (Ctrl-C twice, an impatient orchestrator) skips the grace period.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await companion?.close();
      await server.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  // This entry point owns the signals: `server.close()` drains the runs, then stops the embedded
  // PostgreSQL (if any) last.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal));
}

/** The configuration, or one line per bad setting and exit 1. */
function loadConfigOrExit(env: Record<string, string | undefined>): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Reports a failed start on one line and exits non-zero. */
export function exitOnStartFailure(error: unknown): never {
  console.error('Start-up failed:', error instanceof Error ? error.message : error);
  process.exit(1);
}
