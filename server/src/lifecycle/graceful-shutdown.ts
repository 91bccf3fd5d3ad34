import { Injectable } from '@nestjs/common';

/** One agent run in flight: aborted when the grace period ends, `end()`ed once its outcome is stored. */
export interface TrackedRun {
  signal: AbortSignal;
  end(): void;
}

export interface DrainResult {
  /** Runs that finished on their own within the grace period. */
  finished: number;
  /** Runs cut at the end of the grace period (stored as `interrupted`). */
  interrupted: number;
}

/**
 * Knows which agent runs are in flight, so a shutdown can let them finish, cut the slow ones, and
 * wait until each has stored its outcome before the pool closes. While draining, new requests are
 * refused (503 SHUTTING_DOWN) and readiness fails, so the load balancer sends traffic elsewhere.
 */
@Injectable()
export class GracefulShutdown {
  private readonly running = new Map<AbortController, Promise<void>>();
  draining = false;

  track(): TrackedRun {
    const controller = new AbortController();
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    this.running.set(controller, ended);
    return {
      signal: controller.signal,
      end: () => {
        this.running.delete(controller);
        end();
      },
    };
  }

  get inFlight(): number {
    return this.running.size;
  }

  /** Stops taking work, waits up to `graceMs` for running runs, then aborts the rest and waits for them to be stored. */
  async drain(graceMs: number): Promise<DrainResult> {
    this.draining = true;
    const started = this.running.size;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all(this.running.values()), graceOver]);
    clearTimeout(timer);
    const left = [...this.running.entries()];
    for (const [controller] of left) controller.abort(new Error('server shutting down'));
    await Promise.all(left.map(([, ended]) => ended));
    return { finished: started - left.length, interrupted: left.length };
  }
}
