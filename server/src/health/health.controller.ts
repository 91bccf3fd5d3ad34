import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { LivenessDto, ReadinessDto } from './health.dto.js';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ type: LivenessDto, description: 'The process is alive.' })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  /** The process can do its job: the database answers. */
  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto, description: 'Ready to serve traffic.' })
  @ApiServiceUnavailableResponse({ description: 'DATABASE_UNAVAILABLE: the database is unreachable.' })
  ready(): Promise<ReadinessDto> {
    return this.health.readiness();
  }
}
