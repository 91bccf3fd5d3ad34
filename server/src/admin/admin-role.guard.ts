import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { ADMIN_ROLE, hasRole } from '../auth/admin-roles.js';
import { DomainError } from '../common/domain-error.js';
import type { AuthUser } from '../users/auth-user.js';

/**
 * Lets through users whose JWT carries the `admin` role. Reads the claim, not the database: a role
 * granted or taken away reaches the API with the user's next token (JWT_TTL_SECONDS at most), and
 * `npm run admin:revoke` ends their sessions so the change is immediate.
 */
@Injectable()
export class AdminRoleGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    // Runs after the global JWT guard, which has set the user (or answered 401).
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (user && hasRole(user.role, ADMIN_ROLE)) return true;
    throw new DomainError('FORBIDDEN', 'The console is for site administrators: this account does not have the admin role.');
  }
}

/** Marks routes only admins may use: 403 FORBIDDEN for any other signed-in user. */
export const RequireAdmin = () =>
  applyDecorators(UseGuards(AdminRoleGuard), ApiForbiddenResponse({ description: 'FORBIDDEN: the account does not have the admin role.' }));
