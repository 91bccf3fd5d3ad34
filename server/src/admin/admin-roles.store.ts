import type { ClientBase, Pool } from 'pg';
import { ADMIN_ROLE } from '../auth/admin-roles.js';

/** Better Auth's role for everyone else (the admin plugin's defaultRole). */
const USER_ROLE = 'user';

export const adminRoleQueries = {
  setRole: `UPDATE "user" SET role = $2, "updatedAt" = now() WHERE email = lower($1) RETURNING id`,
  // Ending the sessions revokes their JWTs at once (the session_revoked trigger, migration 016).
  endSessions: `DELETE FROM "session" WHERE "userId" = $1`,
} as const;

/** A pool, a pooled client in a transaction, or a plain client (the bench's). */
type Database = Pool | ClientBase;

export class UnknownAccountError extends Error {
  constructor(email: string) {
    super(`no account with the email ${email}: the person must sign up first (in the widget or the console's page)`);
    this.name = 'UnknownAccountError';
  }
}

/**
 * Gives the Better Auth account with this email the admin role. Its holder's current JWT still
 * lacks the role; the next one carries it (signing in to the console again fetches one at once).
 */
export async function grantAdminRole(db: Database, email: string): Promise<void> {
  const { rows } = await db.query(adminRoleQueries.setRole, [email, ADMIN_ROLE]);
  if (rows.length === 0) throw new UnknownAccountError(email);
}

/** Takes the admin role away and signs the account out everywhere, so no token with the role survives. */
export async function revokeAdminRole(db: Database, email: string): Promise<void> {
  const { rows } = await db.query<{ id: string }>(adminRoleQueries.setRole, [email, USER_ROLE]);
  if (rows.length === 0) throw new UnknownAccountError(email);
  await db.query(adminRoleQueries.endSessions, [rows[0]!.id]);
}
