import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DomainError } from '../../common/domain-error.js';
import { PG_POOL } from '../../database/database.module.js';
import type { AuthUser } from '../../users/auth-user.js';
import { AuthEvents } from '../auth-events.js';
import { TokenAuthenticator } from '../token-authenticator.js';
import { GuestRepository } from './guest.repository.js';

/**
 * The merge for sign-ins Better Auth cannot see the guest in: a social sign-in runs in a popup that
 * carries none of the widget's session, so the widget, signed in to the account, hands over the
 * guest's own JWT afterwards. Verified like any bearer token (signature, expiry, revoked session),
 * then merged exactly as on a password sign-in.
 */
@Injectable()
export class GuestMergeService {
  private readonly guests: GuestRepository;

  constructor(
    private readonly tokens: TokenAuthenticator,
    private readonly events: AuthEvents,
    @Inject(PG_POOL) pool: Pool,
  ) {
    this.guests = new GuestRepository(pool);
  }

  async merge(account: AuthUser, guestToken: string): Promise<{ conversations: number }> {
    if (account.isGuest) throw new DomainError('FORBIDDEN', 'Sign in to an account first: a guest cannot take in another guest.');
    const guest = await this.guestOf(guestToken);
    const outcome = await this.guests.merge(guest.subject, { subject: account.subject, email: account.email, name: account.name, image: account.image });
    // Undefined: a concurrent merge (or the purge) took the guest first.
    if (outcome) this.events.record({ type: 'guest_merged', outcome: 'success', method: 'guest-token', userId: account.subject, guestId: guest.subject, conversations: outcome.conversations });
    return { conversations: outcome?.conversations ?? 0 };
  }

  /** The guest the token proves, or 403: a token that is not a live guest's of this server claims nothing. */
  private async guestOf(token: string): Promise<AuthUser> {
    let guest: AuthUser;
    try {
      guest = await this.tokens.authenticate(token);
    } catch (error) {
      if (error instanceof DomainError && error.status === 401) throw new DomainError('FORBIDDEN', 'guestToken is not a valid guest token of this server.');
      throw error;
    }
    if (!guest.isGuest) throw new DomainError('FORBIDDEN', 'guestToken is not a guest’s token.');
    return guest;
  }
}
