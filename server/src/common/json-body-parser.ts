import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';

/** Methods whose requests carry no meaningful body (RFC 9110 gives DELETE and OPTIONS none). */
const BODYLESS_METHODS = new Set(['DELETE', 'OPTIONS', 'GET', 'HEAD']);

/**
 * Fastify's JSON parser, except that an empty body on a bodiless method is no body at all: many
 * generated API clients send `content-type: application/json` on every call, DELETE included,
 * and Fastify would refuse those with FST_ERR_CTP_EMPTY_JSON_BODY.
 */
export function useJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    if (body.length === 0 && BODYLESS_METHODS.has(request.method)) return done(null, undefined);
    parseJson(request, body.toString('utf8'), done);
  });
}
