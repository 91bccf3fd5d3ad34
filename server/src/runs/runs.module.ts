import { Module } from '@nestjs/common';
import { RunHub } from './run-hub.js';
import { RunNotifications } from './run-notifications.js';
import { RunUpkeep } from './run-upkeep.js';
import { RunRepository } from './run.repository.js';
import { RunsController } from './runs.controller.js';
import { RunsService } from './runs.service.js';

/** Agent runs as resources: their event logs, listeners, stops (issue 13). The chat pipeline runs them. */
@Module({
  controllers: [RunsController],
  providers: [RunRepository, RunHub, RunsService, RunNotifications, RunUpkeep],
  exports: [RunsService],
})
export class RunsModule {}
