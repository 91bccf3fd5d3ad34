import { createAccessControl } from 'better-auth/plugins/access';
import { defaultStatements } from 'better-auth/plugins/admin/access';

/** The Better Auth role that opens the site owner's console. */
export const ADMIN_ROLE = 'admin';

const accessControl = createAccessControl(defaultStatements);

/**
 * Better Auth's `admin` plugin roles, less impersonation: an admin reads visitors' conversations
 * only through the console, where every view is audited; signing in as a visitor would bypass it.
 */
export const consoleRoles = {
  [ADMIN_ROLE]: accessControl.newRole({
    user: ['create', 'list', 'set-role', 'ban', 'delete', 'set-password', 'set-email', 'set-phone', 'get', 'update'],
    session: ['list', 'revoke', 'delete'],
  }),
  user: accessControl.newRole({ user: [], session: [] }),
};

/** Better Auth stores several roles comma-separated ("admin,user"). */
export function hasRole(role: string | null | undefined, wanted: string): boolean {
  return (role ?? '').split(',').some((r) => r.trim() === wanted);
}
