import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { STATUS_CODES } from 'node:http';
import type { ErrorBodyDto } from './error-body.dto.js';
import { codeForStatus } from './error-response.js';

/**
 * An error answered in some other shape, in ours: `{ statusCode, code, message }`. Others' errors
 * reach clients through plugins we do not write: Better Auth (an empty 404 for a path it has no
 * endpoint for, `{ message }` without a code for some refusals), @fastify/cors (a text/plain 400 for
 * a malformed preflight). A code and message they gave are kept. Null when the body is ours already.
 */
export function inErrorShape(status: number, contentType: string, payload: string | Buffer | null): ErrorBodyDto | null {
  let given: Record<string, unknown> = {};
  const text = payload === null ? '' : payload.toString();
  if (/\bjson\b/i.test(contentType)) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) given = parsed as Record<string, unknown>;
    } catch {
      // Not JSON after all: answered in our words below.
    }
  }
  const code = typeof given.code === 'string' && given.code ? given.code : null;
  const message = typeof given.message === 'string' && given.message ? given.message : null;
  if (code && message && given.statusCode === status) return null;
  // A plain-text reason is kept when it is short and printable; anything else could be markup.
  const plainReason = /^text\/plain\b/i.test(contentType) && /^[\x20-\x7e]{1,200}$/.test(text) ? text : null;
  return {
    ...given,
    statusCode: status,
    code: code ?? codeForStatus(status),
    message: message ?? plainReason ?? STATUS_CODES[status] ?? 'Error',
  };
}

/** Every 4xx and 5xx leaves in our error shape, whoever answered it. Register before any route or plugin. */
export function useOneErrorShape(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (_request, reply, payload) => {
      if (reply.statusCode < 400) return payload;
      // A stream (a file, an event stream) started as a success and reports its own failures.
      if (payload !== null && typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const shaped = inErrorShape(reply.statusCode, String(reply.getHeader('content-type') ?? ''), payload);
      if (!shaped) return payload;
      void reply.header('content-type', 'application/json; charset=utf-8');
      void reply.removeHeader('content-length');
      return JSON.stringify(shaped);
    });
}
