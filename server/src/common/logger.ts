import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { requestLogFields } from './request-context.js';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

// Redacted wherever they appear in a logged object: credentials never reach the log.
const REDACT = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'secret',
  '*.password',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'res.headers["set-auth-token"]',
  'res.headers["set-auth-jwt"]',
];

/**
 * The process-wide structured logger (pino): JSON lines, or with `format: 'pretty'` readable,
 * coloured lines for a person at a terminal (development). Same fields and redaction either way.
 */
export function createLogger(level: string, destination?: DestinationStream, format: 'json' | 'pretty' = 'json'): Logger {
  return pino(
    { level, base: { service: 'chat-widget' }, redact: { paths: REDACT, censor: '[redacted]' }, mixin: requestLogFields },
    destination ?? (format === 'pretty' ? prettyConsole() : undefined),
  );
}

// Synchronous, in this thread: a development console has no throughput to protect, and lines
// must not be lost when the process exits.
function prettyConsole(): DestinationStream {
  return pretty({
    colorize: true,
    sync: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,module,context',
    messageFormat: '{if context}{context}: {end}{msg}',
  });
}

/** Routes Nest's own framework messages into the same JSON log. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
