import fastifyStatic from '@fastify/static';
import Fastify, { LogController } from 'fastify';
import { join, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { HostIdentitySettings } from '../src/config/app-config.js';
import { hostLoginSite } from './host-login-site.js';

/** Written in the example pages where the API's public URL goes; replaced as each page is served. */
export const API_URL_PLACEHOLDER = '{{API_URL}}';

export interface ExamplesServerOptions {
  /** Public URL of the API server, as the browser reaches it. */
  apiUrl: string;
  host: string;
  port: number;
  /** examples/ (hand-written pages) and dist/examples/ (what `npm run build` bundles for them). */
  pagesDir: string;
  buildDir: string;
  logger: Logger;
  /** The chat server's host identity settings: with a shared secret, the host-login example signs its users' tokens. */
  hostIdentity?: HostIdentitySettings;
}

export interface ExamplesServer {
  url: string;
  close(): Promise<void>;
}

/** Where the example pages live by default: a second origin, as a customer's site would be. */
export function examplesOrigin(port: number): string {
  return `http://localhost:${port}`;
}

/**
 * The strict-CSP example's policy: scripts only from the page itself and the API origin, no inline
 * code, no eval. The widget must work under it without relaxing anything.
 */
export function strictCspPolicy(apiUrl: string): string {
  const api = new URL(apiUrl).origin;
  return [
    "default-src 'none'",
    `script-src 'self' ${api}`,
    `connect-src ${api}`,
    "style-src 'self'",
    `img-src 'self' data: ${api}`,
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A second, small HTTP server for the example pages (development only). Pages name the API with
 * {{API_URL}}, so the same files work whatever port or host the API runs on.
 */
export function createExamplesApp(options: Omit<ExamplesServerOptions, 'host' | 'port'>) {
  const app = Fastify({ loggerInstance: options.logger.child({ module: 'examples' }), logController: new LogController({ disableRequestLogging: true }) });
  const policy = strictCspPolicy(options.apiUrl);
  // Decided by the file being sent, not by how the URL spells it: `//strict-csp/`, `/./strict-csp/`
  // and `/%73trict-csp/` all reach the same page, and it must never go out without its policy.
  const strictCspDir = join(options.pagesDir, 'strict-csp') + sep;

  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('cache-control', 'no-cache');
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('text/html') || !payload || typeof (payload as Readable).pipe !== 'function') return payload;
    const page = await readAll(payload as Readable);
    void reply.removeHeader('content-length');
    return page.replaceAll(API_URL_PLACEHOLDER, options.apiUrl);
  });

  const hostSecret = options.hostIdentity?.secret;
  // In its own plugin scope: its form parser applies to its routes only.
  if (hostSecret) void app.register(hostLoginSite, { ...options.hostIdentity!, secret: hostSecret });

  // Browsers ask every origin for one; the examples have none, and a 404 would be noise in the console.
  app.get('/favicon.ico', (_request, reply) => reply.code(204).send());
  void app.register(fastifyStatic, {
    root: options.pagesDir,
    prefix: '/',
    etag: false,
    lastModified: false,
    redirect: true,
    setHeaders: (response, filePath) => {
      if (filePath.startsWith(strictCspDir)) response.setHeader('content-security-policy', policy);
    },
  });
  void app.register(fastifyStatic, {
    root: options.buildDir,
    prefix: '/build/',
    decorateReply: false,
    etag: false,
    lastModified: false,
  });
  return app;
}

export async function startExamplesServer(options: ExamplesServerOptions): Promise<ExamplesServer> {
  const app = createExamplesApp(options);
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: examplesOrigin(port), close: () => app.close() };
}

export function defaultExamplesDirs(root: string): Pick<ExamplesServerOptions, 'pagesDir' | 'buildDir'> {
  return { pagesDir: join(root, 'examples'), buildDir: join(root, 'dist', 'examples') };
}
