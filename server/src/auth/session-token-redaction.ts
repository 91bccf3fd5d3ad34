import type { BetterAuthPlugin } from 'better-auth';
import { createAuthMiddleware } from 'better-auth/api';

/** Better Auth routes whose answer lists sessions with their raw `token`. */
const SESSION_ROUTES = new Set(['/list-sessions', '/get-session']);

type Session = { token?: unknown } & Record<string, unknown>;

function withoutToken({ token: _token, ...session }: Session): Session {
  return session;
}

/**
 * Takes the raw session token out of session listings. The widget never reads it there (it keeps
 * the signed token from `set-auth-token`), while anyone holding one session's token could read
 * every other device's from /list-sessions and keep them after the stolen one signed out.
 */
export function sessionTokenRedaction() {
  return {
    id: 'session-token-redaction',
    hooks: {
      after: [
        {
          matcher: (context) => SESSION_ROUTES.has(context.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned;
            if (Array.isArray(returned)) return ctx.json(returned.map(withoutToken));
            const session = (returned as { session?: Session } | null | undefined)?.session;
            if (session && typeof session === 'object') return ctx.json({ ...(returned as object), session: withoutToken(session) });
            return undefined;
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
