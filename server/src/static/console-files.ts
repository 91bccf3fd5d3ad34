import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The console's page; its API is under /admin/api (Nest), its script and styles under CONSOLE_ASSETS. */
export const CONSOLE_PATH = '/admin';
export const CONSOLE_ASSETS = '/admin/assets/';

/**
 * Serves the site owner's console (dist/console, built by rollup.config.mjs) on the API's own
 * origin: the page, whose only script is an external module (the strict CSP every response
 * carries forbids inline ones), and its assets. The page is public; the data behind it is not.
 */
export async function registerConsoleFiles(fastify: FastifyInstance, consoleDir: string): Promise<void> {
  const page = await readFile(join(consoleDir, 'index.html'));
  await fastify.register(async (console) => {
    for (const url of [CONSOLE_PATH, `${CONSOLE_PATH}/`]) {
      console.get(url, (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page));
    }
    await console.register(fastifyStatic, {
      root: consoleDir,
      prefix: CONSOLE_ASSETS,
      decorateReply: false,
      preCompressed: true,
      etag: true,
      // Names without a hash: revalidated each time (a 304 when unchanged).
      cacheControl: false,
      setHeaders: (response) => response.setHeader('cache-control', 'no-cache'),
    });
  });
}
