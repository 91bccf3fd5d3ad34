import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { Logger } from 'pino';
import { AccountModule } from './account/account.module.js';
import { AdminModule } from './admin/admin.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ClientConfigModule } from './client-config/client-config.module.js';
import { ConversationsModule } from './conversations/conversations.module.js';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { type Clock, systemClock } from './common/clock.js';
import { createValidationPipe } from './common/validation.pipe.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule, type DatabaseUrls } from './database/database.module.js';
import { FeedbackModule } from './feedback/feedback.module.js';
import { HealthModule } from './health/health.module.js';
import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  /** Cross-cutting pieces are registered here, once, for every route. */
  static forRoot(config: AppConfig, database: DatabaseUrls, logger: Logger, clock: Clock = systemClock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, logger, clock),
        DatabaseModule.forRoot(database, config.database.poolMax),
        AuthModule,
        UsersModule,
        ClientConfigModule,
        ConversationsModule,
        HealthModule,
        LifecycleModule,
        MetricsModule,
        AccountModule,
        FeedbackModule,
        AdminModule,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
