import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where the widget's files are served; host pages load `${PUBLIC_URL}/widget/chat-widget.js`. */
export const WIDGET_PREFIX = '/widget/';

/**
 * Chunk names carry a content hash (rollup.config.mjs), so a chunk never changes under its name and
 * may be kept for a year. Everything else (the entry a page names, the manifest, the types) keeps a
 * stable name across releases: a browser reuses it for 5 minutes, then revalidates with the ETag.
 */
export const CACHE_CONTROL = {
  hashedChunk: 'public, max-age=31536000, immutable',
  entry: 'public, max-age=300',
} as const;

/**
 * Serves the built widget (dist/widget) as public files: any site may embed the widget, so every
 * file answers `Access-Control-Allow-Origin: *` (a module script is a CORS request) whether or not
 * the page's origin is in ALLOWED_ORIGINS; the API itself stays closed to those. The build writes
 * .br and .gz next to each script, sent to browsers that accept them.
 */
export async function registerWidgetFiles(fastify: FastifyInstance, widgetDir: string): Promise<void> {
  await fastify.register(async (widget) => {
    widget.addHook('onSend', async (request, reply, payload) => {
      // Overrides the API's CORS answer (the page's origin, with credentials, or nothing at all).
      void reply.header('access-control-allow-origin', '*');
      reply.removeHeader('access-control-allow-credentials');
      void reply.header('cross-origin-resource-policy', 'cross-origin');
      // The same bytes for every origin; the encoding (br, gzip, none) is what differs.
      void reply.header('vary', 'accept-encoding');
      // Replaces the API's no-store; a 404 (a chunk of a build not deployed yet) stays uncached.
      if (reply.statusCode < 400) {
        const hashed = request.url.startsWith(`${WIDGET_PREFIX}chunks/`);
        void reply.header('cache-control', hashed ? CACHE_CONTROL.hashedChunk : CACHE_CONTROL.entry);
      }
      return payload;
    });
    await widget.register(fastifyStatic, {
      root: widgetDir,
      prefix: WIDGET_PREFIX,
      decorateReply: false,
      preCompressed: true,
      etag: true,
      cacheControl: false,
    });
  });
}
