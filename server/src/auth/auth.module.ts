import { Module } from '@nestjs/common';
import { BetterAuthController } from './better-auth.controller.js';
import { BetterAuthService } from './better-auth.service.js';

@Module({
  controllers: [BetterAuthController],
  providers: [BetterAuthService],
  exports: [BetterAuthService],
})
export class AuthModule {}
