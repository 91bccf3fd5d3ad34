import { applyDecorators, type CanActivate, type ExecutionContext, Inject, Injectable, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { DomainError } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { AuthUser } from '../users/auth-user.js';

/** With REQUIRE_EMAIL_VERIFICATION on, refuses users whose JWT does not say their address is confirmed (guests excepted). */
@Injectable()
export class VerifiedEmailGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.requireEmailVerification) return true;
    // Runs after the global JWT guard, which has set the user.
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    // A guest has no address to confirm; the owner let guests in (AUTH_MODES=guest) and they have their own limit.
    if (user?.emailVerified || user?.isGuest) return true;
    throw new DomainError('EMAIL_NOT_VERIFIED', 'Confirm your email address first: follow the link we sent you.');
  }
}

/** Marks routes that only confirmed accounts may use (when REQUIRE_EMAIL_VERIFICATION is on). */
export const RequireVerifiedEmail = () =>
  applyDecorators(
    UseGuards(VerifiedEmailGuard),
    ApiForbiddenResponse({ description: 'EMAIL_NOT_VERIFIED: the account has not confirmed its email address (REQUIRE_EMAIL_VERIFICATION).' }),
  );
