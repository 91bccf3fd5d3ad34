import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DomainError } from '../common/domain-error.js';
import { ROOT_LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AppMetrics } from '../metrics/app-metrics.js';
import { RunFollower, type RunSink } from './run-follower.js';
import { RunHub } from './run-hub.js';
import { RunRecorder } from './run-recorder.js';
import { type NewRun, type RunRecord, RunRepository } from './run.repository.js';
import { RunStopped } from './run-event.js';

/** How long POST /runs/:id/stop waits for the run's final event before answering with its state so far. */
const STOP_WAIT_MS = 5000;

/**
 * Agent runs as resources: this instance's running runs (each with its recorder and its stop
 * switch), and the reads, follows and stops of any run, wherever it runs.
 */
@Injectable()
export class RunsService {
  /** Identifies this process in the runs it holds (a new one at each start). */
  readonly instanceId = randomUUID();
  private readonly live = new Map<string, AbortController>();
  private readonly logger: Logger;

  constructor(
    private readonly repository: RunRepository,
    private readonly hub: RunHub,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
    metrics: AppMetrics,
  ) {
    this.logger = logger.child({ module: 'runs' });
    metrics.watchRuns(() => ({ running: this.live.size, listeners: this.hub.listenerCount }));
  }

  /** A run to start on this instance; its row is written with its answer's (see MessageRepository). */
  newRun(): NewRun {
    return { id: randomUUID(), instanceId: this.instanceId, leaseSeconds: this.config.runs.leaseSeconds };
  }

  /** Takes charge of a started run: its events go through the recorder, a stop request aborts its signal. */
  record(runId: string): RunRecorder {
    const controller = new AbortController();
    this.live.set(runId, controller);
    const { eventsMax, flushMs } = this.config.runs;
    return new RunRecorder(runId, controller.signal, this.repository, this.hub, { maxEvents: eventsMax, flushMs }, this.logger, () => this.live.delete(runId));
  }

  /** The ids of the runs this instance is running. */
  get liveRuns(): string[] {
    return [...this.live.keys()];
  }

  isLive(runId: string): boolean {
    return this.live.has(runId);
  }

  async get(userId: string, runId: string): Promise<RunRecord> {
    const run = await this.repository.findOwned(userId, runId);
    if (!run) throw new DomainError('RUN_NOT_FOUND', 'Run not found');
    return run;
  }

  /**
   * Checks that the user may follow the run from `after` (a position past what is stored is a
   * client's mistake), and returns how to start following: replay what is stored, then go live;
   * `undefined` when the run is over and the client has had all of it.
   */
  async openFollow(userId: string, runId: string, after: number): Promise<((sink: RunSink) => RunFollower) | undefined> {
    const run = await this.get(userId, runId);
    if (after > run.lastEventId) {
      throw new DomainError('LAST_EVENT_ID_OUT_OF_RANGE', `Last-Event-ID is past the run's last event (${run.lastEventId})`);
    }
    if (run.status !== 'running' && after === run.lastEventId) return undefined;
    return (sink) => {
      const follower = this.listen(runId, after, sink);
      follower.start(true);
      return follower;
    };
  }

  /** A follower of a run that is starting here, from its first event, without reading the table. */
  attach(runId: string, sink: RunSink): RunFollower {
    const follower = this.listen(runId, 0, sink);
    follower.start(false);
    return follower;
  }

  /**
   * Stops a running run, wherever it runs, and answers once its final event is stored (or after
   * STOP_WAIT_MS, with its state then: a run whose instance died is ended by the lease sweep). A
   * run that is over is left as it is.
   */
  async stop(userId: string, runId: string): Promise<RunRecord> {
    const run = await this.get(userId, runId);
    if (run.status !== 'running') return run;
    const final = this.untilFinal(runId);
    const local = this.live.get(runId);
    if (local) local.abort(new RunStopped());
    else {
      await this.repository.requestStop(runId);
      // It may have ended before this instance listened for its final event.
      const now = await this.get(userId, runId);
      if (now.status !== 'running') final.cancel();
    }
    await final.ended;
    return this.get(userId, runId);
  }

  /** A stop request for a run of this instance (from another one, through a notification). */
  stopLocal(runId: string): void {
    this.live.get(runId)?.abort(new RunStopped());
  }

  private listen(runId: string, after: number, sink: RunSink): RunFollower {
    return new RunFollower(runId, after, this.repository, this.hub, sink, (error) =>
      this.logger.warn({ err: error, runId }, 'reading run events failed; the listener is closed'),
    );
  }

  /** Resolves `ended` when the run's final event is stored (or after STOP_WAIT_MS, or at `cancel`). */
  private untilFinal(runId: string): { ended: Promise<void>; cancel(): void } {
    let cancel!: () => void;
    const ended = new Promise<void>((resolve) => {
      const timer = setTimeout(done, STOP_WAIT_MS);
      const unsubscribe = this.hub.subscribe(runId, (batch) => batch.final && done());
      function done() {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
      cancel = done;
    });
    return { ended, cancel };
  }
}
