import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { AuthEvents } from '../auth/auth-events.js';
import { AuthModule } from '../auth/auth.module.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PG_POOL } from '../database/database.module.js';
import { AppMetrics } from './app-metrics.js';
import { MetricsController } from './metrics.controller.js';

@Global()
@Module({
  imports: [AuthModule],
  controllers: [MetricsController],
  providers: [
    {
      provide: AppMetrics,
      inject: [PG_POOL, APP_CONFIG],
      useFactory: (pool: Pool, config: AppConfig) => new AppMetrics(pool, config.database.poolMax),
    },
  ],
  exports: [AppMetrics],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: AppMetrics,
    @Inject(AuthEvents) private readonly authEvents: AuthEvents,
  ) {}

  onModuleInit(): void {
    this.authEvents.onEvent((event) => this.metrics.countAuthEvent(event));
  }
}
