import { HttpException } from '@nestjs/common';
import { DomainError, ERROR_STATUS, type ErrorCode } from './domain-error.js';
import type { ErrorBodyDto } from './error-body.dto.js';

export interface ErrorResponse {
  status: number;
  body: ErrorBodyDto;
  headers: Record<string, string>;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

// node-postgres / TypeORM signs of "the database is not there", as opposed to a bad query.
const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08006',
]);

// TypeORM releases a transaction's connection when PostgreSQL drops it; the transaction's next
// statement then fails with one of these instead of a driver error.
const RELEASED_CONNECTION_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, message, name } = current as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string' && DATABASE_DOWN_CODES.has(code)) return true;
    if (typeof name === 'string' && RELEASED_CONNECTION_ERRORS.has(name)) return true;
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message))
      return true;
    current = (current as { driverError?: unknown; cause?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

function fromHttpException(exception: HttpException): Omit<ErrorResponse, 'headers'> & { headers?: Record<string, string> } {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const raw = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const messages = Array.isArray(raw.message) ? raw.message.map(String) : undefined;
  const message = messages ? messages.join('; ') : typeof raw.message === 'string' ? raw.message : exception.message;
  const code = typeof raw.code === 'string' ? raw.code : (CODE_BY_STATUS[status] ?? `HTTP_${status}`);
  return { status, body: { statusCode: status, code, message, ...(messages ? { details: messages } : {}) } };
}

/** Fastify's own request errors (bad JSON, body too large, wrong content type) carry a 4xx statusCode. */
function fromFrameworkError(error: { statusCode: number; message: string }): ErrorResponse {
  const status = error.statusCode;
  const code = CODE_BY_STATUS[status] ?? `HTTP_${status}`;
  return { status, body: { statusCode: status, code, message: error.message }, headers: {} };
}

/**
 * Maps anything thrown during a request to the public error shape `{ statusCode, code, message }`.
 * Unknown failures become a 500 that names only the request id: no stack, no internals.
 */
export function toErrorResponse(exception: unknown, requestId: string): ErrorResponse {
  if (exception instanceof DomainError) {
    return {
      status: exception.status,
      body: { statusCode: exception.status, code: exception.code, message: exception.message },
      headers: exception.headers,
    };
  }
  if (exception instanceof HttpException) {
    const mapped = fromHttpException(exception);
    return { ...mapped, headers: mapped.headers ?? {} };
  }
  const candidate = exception as { statusCode?: unknown; message?: unknown } | null;
  if (
    candidate &&
    typeof candidate.statusCode === 'number' &&
    candidate.statusCode >= 400 &&
    candidate.statusCode < 500 &&
    typeof candidate.message === 'string'
  ) {
    return fromFrameworkError(candidate as { statusCode: number; message: string });
  }
  if (isDatabaseUnavailable(exception)) {
    const status = ERROR_STATUS.DATABASE_UNAVAILABLE;
    return {
      status,
      body: { statusCode: status, code: 'DATABASE_UNAVAILABLE', message: 'The database is unavailable; try again shortly.', requestId },
      headers: { 'retry-after': '5' },
    };
  }
  return {
    status: 500,
    body: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error', requestId },
    headers: {},
  };
}
