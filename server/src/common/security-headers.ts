import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Headers on every response, set before any handler runs so a handler (or a static file, or
 * Better Auth's popup page with its own CSP) can still say otherwise for itself:
 * - helmet: nosniff, no referrer, no framing (X-Frame-Options and frame-ancestors), a CSP that
 *   lets only the Swagger UI run scripts (its own files), HSTS when asked (production);
 * - `Cache-Control: no-store`: API answers are private (conversations, profiles, tokens); the
 *   public ones (widget files, client config) set their own caching.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication, options: { hsts: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The Swagger UI page carries inline <style> blocks and data: icons.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The social sign-in popup's last page posts the session to its opener; COOP would cut it off.
    crossOriginOpenerPolicy: false,
    // JSON is read through CORS, which CORP does not restrict; the widget's files say cross-origin themselves.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    hsts: options.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode === 429) mirrorRetryAfter(reply);
    return payload;
  });
}

/**
 * Better Auth's limiter answers 429 with `X-Retry-After`, ours with the standard `Retry-After`:
 * every 429 carries both, so clients written against either find theirs.
 */
function mirrorRetryAfter(reply: { getHeader(name: string): unknown; header(name: string, value: string): unknown }): void {
  const standard = reply.getHeader('retry-after');
  const legacy = reply.getHeader('x-retry-after');
  if (standard !== undefined && legacy === undefined) reply.header('x-retry-after', String(standard));
  if (legacy !== undefined && standard === undefined) reply.header('retry-after', String(legacy));
}
