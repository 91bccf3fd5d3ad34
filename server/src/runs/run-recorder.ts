import type { Logger } from 'pino';
import type { RunHub } from './run-hub.js';
import type { AnswerOutcome, RunRepository } from './run.repository.js';
import type { RunEvent, RunStatus } from './run-event.js';

export interface RecorderOptions {
  /** Events kept per run, the final one included. */
  maxEvents: number;
  /** Least time between two writes of events. */
  flushMs: number;
}

/** Retry delay for a batch whose write failed (the database away for a moment). */
const RETRY_MS = 1000;

/**
 * Numbers and stores the events of one run as it streams. Events are written in batches (one
 * INSERT per batch, at most one write in flight, at most one per `flushMs`) and go out to the
 * listeners only once stored, so whatever a client has seen survives a crash of this process.
 */
export class RunRecorder {
  private nextId = 1;
  private pending: RunEvent[] = [];
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastWriteAt = -Infinity;
  private finished = false;
  /** A write wanted as soon as the one in flight is done. */
  private urgent = false;
  /** The first delta is written without waiting for RUN_EVENTS_FLUSH_MS: time to the first word counts most. */
  private firstDelta = true;

  constructor(
    readonly runId: string,
    /** Aborted by a stop request. */
    readonly signal: AbortSignal,
    private readonly repository: RunRepository,
    private readonly hub: RunHub,
    private readonly options: RecorderOptions,
    private readonly logger: Logger,
    private readonly release: () => void,
  ) {}

  /**
   * Queues an event; `false` when the run has used its events (the last one is kept for the final
   * event, whose answer holds everything that was not sent).
   */
  emit(event: string, data: unknown): boolean {
    if (this.finished || this.nextId >= this.options.maxEvents) return false;
    this.pending.push({ id: this.nextId++, event, data: JSON.stringify(data) });
    const urgent = event === 'delta' && this.firstDelta;
    if (urgent) this.firstDelta = false;
    this.schedule(urgent);
    return true;
  }

  /**
   * Stores the last events, the final one, the run's status and its answer, in one statement, then
   * tells the listeners. When that fails (the database is gone), this instance's listeners still
   * get `failure` as the final event, and the run is left for the lease sweep to mark interrupted.
   */
  async finish(final: { event: string; data: unknown }, status: RunStatus, answer: AnswerOutcome, failure: (error: unknown) => { event: string; data: unknown }): Promise<void> {
    this.finished = true;
    clearTimeout(this.timer);
    try {
      while (this.writing) await this.writing;
      const events = [...this.pending.splice(0), { id: this.nextId++, event: final.event, data: JSON.stringify(final.data) }];
      try {
        await this.repository.finish(this.runId, events, status, answer);
        this.hub.deliver(this.runId, { lastEventId: events.at(-1)!.id, events, final: true });
      } catch (error) {
        const last = failure(error);
        events[events.length - 1] = { id: events.at(-1)!.id, event: last.event, data: JSON.stringify(last.data) };
        this.hub.deliver(this.runId, { lastEventId: events.at(-1)!.id, events, final: true });
        throw error;
      }
    } finally {
      this.release();
    }
  }

  private schedule(urgent = false): void {
    if (urgent) this.urgent = true;
    if (this.writing || this.finished) return;
    if (this.timer && this.urgent) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.timer) return;
    const wait = this.urgent ? 0 : this.lastWriteAt + this.options.flushMs - performance.now();
    if (wait <= 0) this.write();
    else this.timer = setTimeout(() => {
      this.timer = undefined;
      this.write();
    }, wait);
  }

  private write(): void {
    if (this.pending.length === 0 || this.finished) return;
    const batch = this.pending.splice(0);
    this.urgent = false;
    this.lastWriteAt = performance.now();
    this.writing = this.repository.append(this.runId, batch).then(
      () => {
        this.writing = undefined;
        this.hub.deliver(this.runId, { lastEventId: batch.at(-1)!.id, events: batch, final: false });
        this.schedule();
      },
      (error: unknown) => {
        this.writing = undefined;
        this.pending.unshift(...batch);
        this.logger.warn({ err: error, runId: this.runId }, 'storing run events failed; retrying');
        this.lastWriteAt = performance.now() + RETRY_MS;
        this.schedule();
      },
    );
  }
}
