import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/** Enough for every real site; a flood of made-up origins must not grow memory or the log without end. */
const MAX_LOGGED = 1000;

/**
 * Logs each origin the API refuses (not in ALLOWED_ORIGINS), once per process: a page there has
 * the widget but cannot use it, and the site owner looking at the logs sees which origin to add.
 */
export function logRefusedOrigins(fastify: FastifyInstance, allowedOrigins: readonly string[], logger: Logger): void {
  const allowed = new Set(allowedOrigins);
  const logged = new Set<string>();
  fastify.addHook('onRequest', async (request) => {
    const origin = request.headers.origin;
    if (origin === undefined || allowed.has(origin) || logged.has(origin) || logged.size >= MAX_LOGGED) return;
    logged.add(origin);
    logger.warn({ origin, path: request.url.split('?')[0] }, `origin ${origin} is not in ALLOWED_ORIGINS: a page there cannot use the API (add it to allow it)`);
  });
}
