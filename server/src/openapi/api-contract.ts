import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { AppModule } from '../app.module.js';
import { AUTH_BASE_PATH } from '../common/auth-base-path.js';
import { createLogger } from '../common/logger.js';
import { loadConfig } from '../config/load-config.js';
import { createOpenApiDocument } from './openapi-document.js';

/** The widget's copy of the contract, relative to the project root. */
export const API_CONTRACT_FILE = 'widget/src/services/api-contract.generated.ts';

// Never connected to: preview mode instantiates no provider, so no pool is made.
const NO_DATABASE = { url: 'postgres://document-only.invalid/none', directUrl: 'postgres://document-only.invalid/none' };

/**
 * The OpenAPI document the server serves, built without a database or a listening socket: Nest's
 * preview mode registers modules and controllers (all the document is made of) and instantiates
 * nothing. A fixed configuration, so the document never depends on the environment.
 */
export async function openApiDocumentOffline(): Promise<OpenAPIObject> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: NO_DATABASE.url, KNOWLEDGE_INGEST_ON_START: 'none' });
  const module = AppModule.forRoot(config, NO_DATABASE, createLogger('silent'));
  const app = await NestFactory.create(module, new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

const HEADER = `/**
 * The server's API contract, generated from its OpenAPI document by \`npm run contract:generate\`.
 * Do not edit: change the server's DTOs and controllers, then regenerate.
 */

`;

/** The TypeScript text of API_CONTRACT_FILE: the document's types, plus the paths the widget calls that it cannot describe. */
export async function generateApiContract(): Promise<string> {
  const types = astToString(await openapiTS((await openApiDocumentOffline()) as OpenAPI3));
  const constants = `\n/** Where the server mounts Better Auth (sign-in, sessions, tokens, JWKS). */\nexport const AUTH_BASE_PATH = ${JSON.stringify(AUTH_BASE_PATH)};\n`;
  return HEADER + types + constants;
}
