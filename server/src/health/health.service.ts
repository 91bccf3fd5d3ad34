import { Injectable } from '@nestjs/common';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DomainError } from '../common/domain-error.js';
import type { ReadinessDto } from './health.dto.js';

const READINESS_TIMEOUT_MS = 2_000;

/** Readiness through Terminus' checks, answered in this API's own shape and error codes. */
@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  /** Throws DATABASE_UNAVAILABLE unless `SELECT 1` answers within the readiness timeout. */
  async readiness(): Promise<ReadinessDto> {
    try {
      await this.health.check([() => this.database.pingCheck('database', { timeout: READINESS_TIMEOUT_MS })]);
    } catch {
      throw new DomainError('DATABASE_UNAVAILABLE', 'The database is unreachable.');
    }
    return { status: 'ok', database: 'up' };
  }
}
