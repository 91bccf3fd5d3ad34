import { APIError } from 'better-auth/api';
import { anonymous } from 'better-auth/plugins';
import type { Logger } from 'pino';
import type { AuthEvent } from '../auth-events.js';
import type { GuestRepository } from './guest.repository.js';

/**
 * Better Auth's `anonymous` plugin as the server runs it (AUTH_MODES=guest): `POST
 * /sign-in/anonymous` makes a guest, and a sign-up or sign-in that carries a guest's own session
 * (the widget sends its bearer token) moves the guest's conversations to the account it signs in
 * to. The plugin finds that session on every `/sign-in/*`, `/sign-up/*` and `/callback/*` path,
 * so the host login's `/sign-in/host` merges too.
 */
export function guestAccounts(guests: GuestRepository, record: (event: AuthEvent) => void, logger: Logger) {
  return anonymous({
    // The merge deletes the guest itself, in its transaction. And a guest is not deleted on request
    // (POST /delete-anonymous-user answers 400): that would leave its conversations behind with no
    // Better Auth user for the purge to find; it signs out, and the purge deletes it all later.
    disableDeleteAnonymousUser: true,
    onLinkAccount: async ({ anonymousUser, newUser, ctx }) => {
      const params = (ctx.params ?? {}) as { id?: string };
      const event = { type: 'guest_merged', method: params.id ?? ctx.path.split('/').at(-1), userId: newUser.user.id, guestId: anonymousUser.user.id } as const;
      let outcome;
      try {
        outcome = await guests.merge(anonymousUser.user.id, {
          subject: newUser.user.id,
          email: newUser.user.email,
          name: newUser.user.name,
          image: newUser.user.image ?? null,
        });
      } catch (error) {
        logger.error({ err: error }, 'guest merge failed');
        record({ ...event, outcome: 'failure', reason: 'GUEST_MERGE_FAILED' });
        // Nothing moved and the guest is kept: the same sign-in, tried again with the guest's token, merges.
        throw new APIError('SERVICE_UNAVAILABLE', { code: 'GUEST_MERGE_FAILED', message: 'Your guest conversations could not be moved; try again.' });
      }
      // Undefined: a concurrent sign-in of the same guest merged it first.
      if (outcome) record({ ...event, outcome: 'success', conversations: outcome.conversations });
    },
  });
}
