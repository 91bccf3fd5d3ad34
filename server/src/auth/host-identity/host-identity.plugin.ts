import type { BetterAuthPlugin, User } from 'better-auth';
import { APIError, createAuthEndpoint, formCsrfMiddleware } from 'better-auth/api';
import { setSessionCookie } from 'better-auth/cookies';
import { randomUUID } from 'node:crypto';
import { fittedName } from '../profile/profile-rules.js';
import type { HostTokenReplays } from './host-token-replays.js';
import { type HostIdentity, HostKeysUnavailableError, HostTokenError, type HostTokenVerifier } from './host-token-verifier.js';

/** The provider id of the accounts the host site's users sign in with; their account id is the token's `sub`. */
export const HOST_PROVIDER_ID = 'host';
export const HOST_SIGN_IN_PATH = '/sign-in/host';

/** Shown when the host sends no name. */
const DEFAULT_NAME = 'Member';

/** The part of Better Auth's internal adapter that finds and makes host users. */
interface HostUserStore {
  findAccountOwnerByKey(key: { providerId: string; accountId: string }): Promise<{ kind: 'owned'; user: User } | { kind: 'orphaned' } | null>;
  createOAuthUser(user: { email: string; emailVerified: boolean; name: string }, account: { providerId: string; accountId: string }): Promise<{ user: User }>;
  updateUser(userId: string, data: { name: string }): Promise<User | null>;
}

/** An address no mail reaches (RFC 6761's .invalid, as Better Auth's own placeholders). */
function placeholderEmail(): string {
  return `${randomUUID()}@${HOST_PROVIDER_ID}.placeholder.invalid`;
}

function refuse(error: unknown): never {
  if (error instanceof HostTokenError) throw new APIError('UNAUTHORIZED', { code: error.code, message: error.message });
  if (error instanceof HostKeysUnavailableError) {
    throw new APIError('SERVICE_UNAVAILABLE', { code: 'HOST_KEYS_UNAVAILABLE', message: error.message }, { 'retry-after': '5' });
  }
  throw error;
}

function tokenOf(body: unknown): string {
  const token = (body as { token?: unknown } | null | undefined)?.token;
  if (typeof token === 'string' && token) return token;
  throw new APIError('BAD_REQUEST', { code: 'VALIDATION_FAILED', message: 'token must be a non-empty string (the identity token the host site signed)' });
}

/**
 * The chat user of one host user: found by the `host` account whose id is the token's `sub`, or
 * created with it. Never matched by email: a host may let its users type any address, and a host
 * token naming someone else's address must not open their password account (nor claim the
 * address before its owner signs up), so host users get an address of their own that no mail
 * reaches and that no other sign-in can use.
 */
async function hostUser(users: HostUserStore, identity: HostIdentity): Promise<User> {
  const key = { providerId: HOST_PROVIDER_ID, accountId: identity.subject };
  const found = await users.findAccountOwnerByKey(key);
  if (found?.kind === 'owned') return refreshedName(users, found.user, identity);
  try {
    const created = await users.createOAuthUser(
      {
        email: placeholderEmail(),
        // The host vouches for the person; there is no address of theirs for us to confirm.
        emailVerified: true,
        name: fittedName(identity.name ?? DEFAULT_NAME) || DEFAULT_NAME,
      },
      key,
    );
    return created.user;
  } catch (error) {
    // Another first sign-in of the same host user made it first (the unique `host` account index).
    const winner = await users.findAccountOwnerByKey(key);
    if (winner?.kind === 'owned') return winner.user;
    throw error;
  }
}

/** The host is the source of its users' names: a renamed host user is renamed here at the next sign-in. */
async function refreshedName(users: HostUserStore, user: User, identity: HostIdentity): Promise<User> {
  const name = identity.name === undefined ? undefined : fittedName(identity.name);
  if (!name || name === user.name) return user;
  return (await users.updateUser(user.id, { name })) ?? user;
}

/**
 * The host site's own login, as a Better Auth plugin: `POST /api/auth/sign-in/host` with
 * `{ "token": "<jwt>" }` exchanges an identity token the host's backend signed for a session, set
 * the way every sign-in sets one (the cookie, which the bearer plugin hands out as
 * `set-auth-token`), so after-hooks such as the anonymous plugin's guest merge see a new session.
 */
export function hostIdentity({ verifier, replays }: { verifier: HostTokenVerifier; replays: HostTokenReplays }) {
  return {
    id: 'host-identity',
    endpoints: {
      signInHost: createAuthEndpoint(
        HOST_SIGN_IN_PATH,
        {
          method: 'POST',
          // As the password sign-in: a page of an origin that is not allowed cannot sign a visitor in.
          use: [formCsrfMiddleware],
          metadata: {
            openapi: {
              description: "Sign in with an identity token signed by the host site's backend",
              responses: { 200: { description: 'Signed in; the session token is in the set-auth-token header' } },
            },
          },
        },
        async (ctx) => {
          const identity = await verifier.verify(tokenOf(ctx.body)).catch(refuse);
          // After the signature check, so only tokens the host signed can fill the table.
          if (!(await replays.spend(identity.jti, identity.expiresAt))) refuse(new HostTokenError('HOST_TOKEN_REPLAYED'));
          const user = await hostUser(ctx.context.internalAdapter, identity);
          const session = await ctx.context.internalAdapter.createSession(user.id);
          await setSessionCookie(ctx, { session, user });
          return ctx.json({ user: { id: user.id, name: user.name } });
        },
      ),
    },
  } satisfies BetterAuthPlugin;
}
