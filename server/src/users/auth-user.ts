/** The signed-in user as handlers see it (via @CurrentUser()). */
export interface AuthUser {
  /** Our `users.id`. */
  id: string;
  /** The JWT subject: Better Auth's user id. */
  subject: string;
  email: string | null;
  name: string | null;
  image: string | null;
  /** The JWT's `emailVerified` claim (false when a token lacks it). */
  emailVerified: boolean;
  /** An anonymous user (AUTH_MODES=guest), from the JWT's `isAnonymous` claim: its own agent-run limit. */
  isGuest: boolean;
  /** The JWT's `role` claim (Better Auth's admin plugin; comma-separated roles), null when it has none. */
  role: string | null;
}
