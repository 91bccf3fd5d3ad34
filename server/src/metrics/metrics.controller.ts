import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Registry } from 'prom-client';
import { Public } from '../auth/public.decorator.js';
import { DomainError } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AppMetrics } from './app-metrics.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Prometheus scrape endpoint; behind `Authorization: Bearer $METRICS_TOKEN` when that is set. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: AppMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    this.authorize(authorization);
    // Set only on success: a refusal is the usual JSON error.
    void reply.header('content-type', Registry.PROMETHEUS_CONTENT_TYPE).header('cache-control', 'no-store');
    return this.metrics.registry.metrics();
  }

  private authorize(authorization: string | undefined): void {
    const expected = this.config.metrics.token;
    if (!expected) return;
    const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
    // Compare digests: equal length, constant time, so timing says nothing about the token.
    if (!timingSafeEqual(digest(given), digest(expected))) {
      throw new DomainError('UNAUTHORIZED', 'A valid metrics token is required.', { 'www-authenticate': 'Bearer realm="metrics"' });
    }
  }
}
