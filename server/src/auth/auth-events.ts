import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.js';

export type AuthEventType =
  | 'sign_up'
  | 'sign_in'
  | 'sign_out'
  | 'password_reset_requested'
  | 'password_reset_completed'
  | 'token_rejected'
  | 'guest_merged';

export interface AuthEvent {
  type: AuthEventType;
  outcome: 'success' | 'failure';
  /** Better Auth user id, when known. */
  userId?: string;
  /** Logged masked only. */
  email?: string;
  /** Machine-readable failure reason (e.g. INVALID_EMAIL_OR_PASSWORD, TOKEN_EXPIRED). */
  reason?: string;
  /** e.g. "email", "github", "oidc". */
  method?: string;
  ip?: string;
  /** guest_merged: the guest (Better Auth user id) whose conversations moved to `userId`, and how many. */
  guestId?: string;
  conversations?: number;
}

/** `alice@example.com` → `a***@example.com`: enough to correlate, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/**
 * Structured auth events (`event: "auth"` lines in the JSON log). Never a password, a token or a
 * full email address; listeners (metrics) can subscribe to the same events.
 */
@Injectable()
export class AuthEvents {
  private readonly listeners: Array<(event: AuthEvent) => void> = [];

  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  onEvent(listener: (event: AuthEvent) => void): void {
    this.listeners.push(listener);
  }

  record(event: AuthEvent): void {
    const { email, ...rest } = event;
    const line = { event: 'auth', ...rest, ...(email ? { email: maskEmail(email) } : {}) };
    if (event.outcome === 'failure') this.logger.warn(line, `auth ${event.type} failed`);
    else this.logger.info(line, `auth ${event.type}`);
    for (const listener of this.listeners) listener(event);
  }
}
