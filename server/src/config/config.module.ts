import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '../common/clock.js';
import { ROOT_LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from './app-config.js';

/** Makes the validated configuration, the root logger and the clock injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, logger: Logger, clock: Clock): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: ROOT_LOGGER, useValue: logger },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [APP_CONFIG, ROOT_LOGGER, CLOCK],
    };
  }
}
