import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthEvents } from './auth-events.js';
import { BetterAuthController } from './better-auth.controller.js';
import { BetterAuthService } from './better-auth.service.js';
import { GuestMergeController } from './guests/guest-merge.controller.js';
import { GuestMergeService } from './guests/guest-merge.service.js';
import { GuestPurgeScheduler } from './guests/guest-purge.scheduler.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { JwtBearerStrategy } from './jwt-bearer.strategy.js';
import { RevocationFeed } from './revocation/revocation-feed.js';
import { RevocationList } from './revocation/revocation-list.js';
import { revocationListProvider } from './revocation/revocation-list.provider.js';
import { jwtVerifierProvider, TokenAuthenticator } from './token-authenticator.js';

@Module({
  imports: [PassportModule, UsersModule, RateLimitModule],
  controllers: [BetterAuthController, GuestMergeController],
  providers: [
    AuthEvents,
    BetterAuthService,
    jwtVerifierProvider,
    revocationListProvider,
    RevocationFeed,
    TokenAuthenticator,
    JwtBearerStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    GuestPurgeScheduler,
    GuestMergeService,
  ],
  exports: [BetterAuthService, AuthEvents, RevocationList],
})
export class AuthModule {}
