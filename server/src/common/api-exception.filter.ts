import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { toErrorResponse } from './error-response.js';
import { ROOT_LOGGER } from './logger.js';

/** The one place where exceptions become HTTP responses. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, body, headers } = toErrorResponse(exception, String(request.id));
    // 503s (database or rate-limit store away) are outages of a dependency, already visible in
    // readiness: warn, so error-level alerts stay for our own bugs.
    if (status === 503) {
      this.logger.warn({ code: body.code, err: exception, route: request.routeOptions?.url }, 'dependency unavailable');
    } else if (status >= 500) {
      this.logger.error({ err: exception, requestId: request.id, route: request.routeOptions?.url }, 'request failed');
    }
    // A stream that already started cannot change its status; the stream itself reports the error.
    if (reply.sent || reply.raw.headersSent) return;
    void reply.status(status).headers(headers).send(body);
  }
}
