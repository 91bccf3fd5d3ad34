import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_BASE_PATH } from '../common/auth-base-path.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CLIENT_IP_HEADER } from './better-auth.js';
import { BetterAuthService } from './better-auth.service.js';
import { Public } from './public.decorator.js';

const BODYLESS = new Set(['GET', 'HEAD']);

/**
 * Hands every request under AUTH_BASE_PATH (/api/auth) to Better Auth's fetch-style handler, as its Fastify
 * integration does: Fastify request → Web Request → auth.handler → Fastify reply.
 */
@ApiExcludeController()
@Public()
@Controller(AUTH_BASE_PATH)
export class BetterAuthController {
  constructor(
    private readonly betterAuth: BetterAuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @All('*')
  async handle(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const response = await this.betterAuth.auth.handler(this.toWebRequest(request));
    reply.status(response.status);
    response.headers.forEach((value, key) => {
      // CORS belongs to the app-wide policy, which exposes more headers than Better Auth knows of.
      if (key !== 'set-cookie' && !key.startsWith('access-control-')) void reply.header(key, value);
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) void reply.header('set-cookie', cookies);
    void reply.send(response.body ? Buffer.from(await response.arrayBuffer()) : null);
  }

  private toWebRequest(request: FastifyRequest): Request {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || name === 'content-length') continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
    headers.set(CLIENT_IP_HEADER, request.ip);
    const body = BODYLESS.has(request.method) || request.body === undefined ? undefined : reencode(request.body, headers);
    return new Request(new URL(request.url, this.config.publicUrl), { method: request.method, headers, body });
  }
}

/**
 * Fastify has parsed the body already. Text it kept as text (a Buffer, a text/plain string) goes back
 * as it came; what it parsed (JSON, or a form, which it turned into an object) goes back as JSON and
 * says so: re-sent as JSON under a form's content type, a form would reach Better Auth as garbage.
 */
function reencode(body: unknown, headers: Headers): string {
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (typeof body === 'string' && !/^application\/json\b/i.test(headers.get('content-type') ?? '')) return body;
  headers.set('content-type', 'application/json');
  // A JSON string body ("x") goes back as JSON, not as x.
  return JSON.stringify(body);
}
