import { Injectable } from '@nestjs/common';
import type { RunBatch } from './run-event.js';

type BatchListener = (batch: RunBatch) => void;

/**
 * This instance's listeners of runs, by run id: told of each batch of events once it is stored,
 * whichever instance stored it. A run nobody listens to has no entry, so costs nothing here.
 */
@Injectable()
export class RunHub {
  private readonly listeners = new Map<string, Set<BatchListener>>();

  subscribe(runId: string, listener: BatchListener): () => void {
    let set = this.listeners.get(runId);
    if (!set) this.listeners.set(runId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(runId) === set) this.listeners.delete(runId);
    };
  }

  deliver(runId: string, batch: RunBatch): void {
    const set = this.listeners.get(runId);
    if (!set) return;
    for (const listener of [...set]) listener(batch);
  }

  /** Runs with a listener here (after a lost connection, each must catch up from the table). */
  get followedRuns(): string[] {
    return [...this.listeners.keys()];
  }

  get listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }
}
