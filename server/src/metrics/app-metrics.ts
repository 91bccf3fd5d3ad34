import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AuthEvent } from '../auth/auth-events.js';

/** Label for requests no route matched (404s), so scanners cannot blow up the label set. */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * Every Prometheus metric of one app, in a registry of its own: tests run several apps in one
 * process, and the global registry would mix their counts (or refuse duplicate names).
 */
export class AppMetrics {
  readonly registry = new Registry();

  private readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template, method and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly authEvents = new Counter({
    name: 'auth_events_total',
    help: 'Authentication events (sign-up, sign-in, sign-out, password reset, rejected tokens) by outcome.',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly agentRuns = new Counter({
    name: 'agent_runs_total',
    help: 'Agent runs by provider and outcome (complete, error, interrupted, stopped).',
    labelNames: ['provider', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly timeToFirstToken = new Histogram({
    name: 'agent_time_to_first_token_seconds',
    help: 'Time from the start of an agent run to its first streamed text.',
    labelNames: ['provider'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });

  constructor(pool: Pool, poolMax: number) {
    collectDefaultMetrics({ register: this.registry });
    // Read at scrape time: the pool's own counters are the truth, no bookkeeping of ours to drift.
    new Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool connections: total open, idle, and requests waiting for one.',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    new Gauge({ name: 'db_pool_max_connections', help: 'Configured pool size (DATABASE_POOL_MAX).', registers: [this.registry] }).set(poolMax);
  }

  /** Agent runs on this instance, read at scrape time: those it is running, and the streams listening to runs. */
  watchRuns(read: () => { running: number; listeners: number }): void {
    new Gauge({
      name: 'agent_runs_live',
      help: 'On this instance: agent runs running, and SSE streams listening to runs (their own request or GET /runs/:id/events).',
      labelNames: ['kind'] as const,
      registers: [this.registry],
      collect() {
        const { running, listeners } = read();
        this.set({ kind: 'running' }, running);
        this.set({ kind: 'listeners' }, listeners);
      },
    });
  }

  observeRequest(method: string, route: string | undefined, status: number, seconds: number): void {
    this.requestDuration.observe({ method, route: route ?? UNMATCHED_ROUTE, status: String(status) }, seconds);
  }

  countAuthEvent(event: AuthEvent): void {
    this.authEvents.inc({ type: event.type, outcome: event.outcome });
  }

  countAgentRun(provider: string, outcome: string): void {
    this.agentRuns.inc({ provider, outcome });
  }

  observeTimeToFirstToken(provider: string, seconds: number): void {
    this.timeToFirstToken.observe({ provider }, seconds);
  }
}
