import { createAuthMiddleware, isAPIError } from 'better-auth/api';
import type { AuthEvent, AuthEventType } from './auth-events.js';

type AfterHookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

const EMAIL_EVENTS: Record<string, AuthEventType> = {
  '/sign-up/email': 'sign_up',
  '/sign-in/email': 'sign_in',
  '/request-password-reset': 'password_reset_requested',
  '/reset-password': 'password_reset_completed',
};

function failureReason(returned: unknown): string | undefined {
  if (!isAPIError(returned)) return undefined;
  const body = returned.body as { code?: unknown } | undefined;
  return typeof body?.code === 'string' ? body.code : String(returned.status);
}

/**
 * Reads one finished Better Auth request as an auth event, or undefined when it is not one.
 * Social/OIDC callbacks end in a redirect either way: a new session is what marks success.
 */
export function authEventOf(ctx: AfterHookContext, clientIpHeader: string): AuthEvent | undefined {
  const ip = ctx.headers?.get(clientIpHeader) ?? undefined;
  const returned = ctx.context.returned;
  const newUser = ctx.context.newSession?.user;
  const bodyEmail = typeof (ctx.body as { email?: unknown } | undefined)?.email === 'string' ? (ctx.body as { email: string }).email : undefined;

  const emailEvent = ctx.path ? EMAIL_EVENTS[ctx.path] : undefined;
  if (emailEvent) {
    const reason = failureReason(returned);
    return {
      type: emailEvent,
      outcome: reason ? 'failure' : 'success',
      method: 'email',
      userId: newUser?.id,
      email: newUser?.email ?? bodyEmail,
      reason,
      ip,
    };
  }
  if (ctx.path === '/callback/:id' || ctx.path === '/oauth2/callback/:providerId') {
    const params = (ctx.params ?? {}) as { id?: string; providerId?: string };
    return {
      type: 'sign_in',
      outcome: newUser ? 'success' : 'failure',
      method: params.id ?? params.providerId,
      userId: newUser?.id,
      email: newUser?.email,
      reason: newUser ? undefined : 'OAUTH_CALLBACK_FAILED',
      ip,
    };
  }
  if (ctx.path === '/sign-in/anonymous') {
    const reason = failureReason(returned);
    return { type: 'sign_in', outcome: reason ? 'failure' : 'success', method: 'anonymous', userId: newUser?.id, reason, ip };
  }
  if (ctx.path === '/sign-in/host') {
    const reason = failureReason(returned);
    return { type: 'sign_in', outcome: reason ? 'failure' : 'success', method: 'host', userId: newUser?.id, reason, ip };
  }
  if (ctx.path === '/sign-out') {
    return { type: 'sign_out', outcome: failureReason(returned) ? 'failure' : 'success', ip };
  }
  return undefined;
}

/** Better Auth `hooks.after`: hands every auth event to `record`. */
export function authEventsHook(record: (event: AuthEvent) => void, clientIpHeader: string) {
  return createAuthMiddleware(async (ctx) => {
    const event = authEventOf(ctx, clientIpHeader);
    if (event) record(event);
  });
}
