import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

// Terminus' own logger is off: an unreachable database is logged once, as a warning with its
// code, by the exception filter (an outage of a dependency is not an error of ours).
@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
