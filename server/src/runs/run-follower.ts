import type { RunHub } from './run-hub.js';
import type { RunRepository } from './run.repository.js';
import { type RunBatch, type RunEvent, TERMINAL_EVENTS } from './run-event.js';

/** Where a follower writes: an SSE response, usually. */
export interface RunSink {
  send(event: RunEvent): void;
  /** After the final event, or when the follower is closed. */
  end(): void;
}

/**
 * One listener of a run: sends its events after `after`, in order, each once, then ends with the
 * final one. Batches written on this instance are sent from memory when they follow on; otherwise
 * (another instance wrote them, or a gap) the follower reads the table from where it is. It holds
 * only its position, so many listeners of one run cost little.
 */
export class RunFollower {
  private unsubscribe: (() => void) | undefined;
  private reading = false;
  private readAgain = false;
  private closed = false;

  constructor(
    private readonly runId: string,
    private position: number,
    private readonly repository: RunRepository,
    private readonly hub: RunHub,
    private readonly sink: RunSink,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Listens from now on; with `replay`, first sends what is stored already. */
  start(replay: boolean): void {
    this.unsubscribe = this.hub.subscribe(this.runId, (batch) => this.receive(batch));
    if (replay) void this.read();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    this.sink.end();
  }

  private receive(batch: RunBatch): void {
    if (this.closed || batch.lastEventId <= this.position) return;
    if (!this.reading && batch.events && batch.events[0]!.id <= this.position + 1) {
      for (const event of batch.events) if (event.id > this.position) this.send(event);
    } else void this.read();
  }

  /** Reads the table from the current position; one read at a time, again if told of more meanwhile. */
  private async read(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.readAgain = false;
        // The table is the truth: a prefix of the run's events, with gaps only where old ones were compacted.
        for (const event of await this.repository.eventsAfter(this.runId, this.position)) if (event.id > this.position) this.send(event);
      } while (this.readAgain && !this.closed);
    } catch (error) {
      this.onError(error);
      this.close();
    } finally {
      this.reading = false;
    }
  }

  private send(event: RunEvent): void {
    if (this.closed) return;
    this.position = event.id;
    this.sink.send(event);
    if (TERMINAL_EVENTS.has(event.event)) this.close();
  }
}
