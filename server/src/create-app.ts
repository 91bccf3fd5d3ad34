import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { clientErrorHandler } from './common/client-error.js';
import type { Clock } from './common/clock.js';
import { NestPinoLogger } from './common/logger.js';
import { projectRoot } from './common/project-root.js';
import { logRefusedOrigins } from './common/refused-origins.js';
import { requestContext } from './common/request-context.js';
import { useOneErrorShape } from './common/error-shape.js';
import { requestIdFor } from './common/request-id.js';
import { recordRoutes } from './common/route-catalog.js';
import { registerSecurityHeaders } from './common/security-headers.js';
import { useJsonBodyParser } from './common/json-body-parser.js';
import { fastifyTrustProxy } from './common/trust-proxy.js';
import { findUnstorableText } from './common/unstorable-text.js';
import type { AppConfig } from './config/app-config.js';
import type { DatabaseUrls } from './database/database.module.js';
import { GracefulShutdown } from './lifecycle/graceful-shutdown.js';
import { AppMetrics } from './metrics/app-metrics.js';
import { createOpenApiDocument } from './openapi/openapi-document.js';
import { registerConsoleFiles } from './static/console-files.js';
import { registerWidgetFiles } from './static/widget-files.js';

/** Largest JSON body accepted; a chat message is far smaller, so anything bigger is a mistake or abuse. */
export const BODY_LIMIT_BYTES = 256 * 1024;

// Headers the widget must read on cross-origin responses.
const EXPOSED_HEADERS = ['set-auth-token', 'set-auth-jwt', 'retry-after', 'x-retry-after', 'x-request-id', 'www-authenticate'];

export interface AppOptions {
  /** Where `GET /` sends a browser (the development examples); without it, `/` is a 404. */
  rootRedirect?: string;
  /** What the server takes for the time (CLOCK); tests move it instead of sleeping. */
  clock?: Clock;
}

/** Builds the app on an HTTP server that is already listening (see HttpListener). */
export interface ListeningAppOptions extends AppOptions {
  serverFactory: NonNullable<FastifyServerOptions['serverFactory']>;
}

/** Builds the configured Nest application on Fastify, on the given (already listening) server. */
export async function createApp(config: AppConfig, database: DatabaseUrls, logger: Logger, options: ListeningAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    serverFactory: options.serverFactory,
    bodyLimit: BODY_LIMIT_BYTES,
    clientErrorHandler,
    genReqId: requestIdFor,
    trustProxy: fastifyTrustProxy(config.trustProxy),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, database, logger, options.clock), adapter, {
    logger: new NestPinoLogger(logger.child({ module: 'nest' })),
  });
  recordRoutes(app);
  useOneErrorShape(app);
  useJsonBodyParser(app, BODY_LIMIT_BYTES);
  await registerSecurityHeaders(app, { hsts: config.env === 'production' });
  app.enableCors({
    origin: config.auth.allowedOrigins,
    credentials: true,
    // @fastify/cors allows only GET, HEAD and POST unless told: the widget renames, deletes and rates too.
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  const fastify = app.getHttpAdapter().getInstance();
  logRefusedOrigins(fastify, config.auth.allowedOrigins, logger);
  const metrics = app.get(AppMetrics);
  const shutdown = app.get(GracefulShutdown);
  // Callback style on purpose: the rest of the request runs inside `run`, so every log line has its id.
  fastify.addHook('onRequest', (request, _reply, done) => requestContext.run({ requestId: String(request.id) }, done));
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (shutdown.draining) {
      await reply
        .code(503)
        .header('connection', 'close')
        .header('retry-after', '1')
        .send({ statusCode: 503, code: 'SHUTTING_DOWN', message: 'This server is shutting down; retry.' });
    }
  });
  fastify.addHook('preValidation', async (request, reply) => {
    const problem = findUnstorableText(request.body);
    if (problem) await reply.code(400).send({ statusCode: 400, code: 'VALIDATION_FAILED', message: problem });
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    logger.info(
      { requestId: request.id, method: request.method, route: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });
  await registerStatic(app, options.rootRedirect);
  if (config.apiDocs) setUpOpenApi(app);
  return app;
}

async function registerStatic(app: NestFastifyApplication, rootRedirect: string | undefined): Promise<void> {
  const root = projectRoot();
  const widgetDir = join(root, 'dist', 'widget');
  const fastify = app.getHttpAdapter().getInstance();
  if (existsSync(widgetDir)) await registerWidgetFiles(fastify, widgetDir);
  const consoleDir = join(root, 'dist', 'console');
  if (existsSync(join(consoleDir, 'index.html'))) await registerConsoleFiles(fastify, consoleDir);
  // The project's docs, so the demo knowledge base's source links (KNOWLEDGE_BASE_URL) resolve.
  // Markdown is served as plain text, which every browser shows instead of downloading.
  const docsDir = join(root, 'docs');
  if (existsSync(docsDir)) {
    await fastify.register(async (docs) => {
      docs.addHook('onSend', async (request, reply, payload) => {
        if (/\.md$/i.test(request.url.split('?')[0]!)) void reply.header('content-type', 'text/plain; charset=utf-8');
        return payload;
      });
      await docs.register(fastifyStatic, { root: docsDir, prefix: '/docs/', decorateReply: false });
    });
  }
  if (rootRedirect) {
    // In development the examples run on their own origin (server/dev/), like a customer's site.
    fastify.get('/', (_request, reply) => reply.redirect(rootRedirect));
  }
}

function setUpOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('api/docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
}
