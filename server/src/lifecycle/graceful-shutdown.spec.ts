import { describe, expect, it } from '@jest/globals';
import { GracefulShutdown } from './graceful-shutdown.js';

describe('GracefulShutdown', () => {
  it('waits for runs that end within the grace period and aborts the rest, then waits for them to be stored', async () => {
    const shutdown = new GracefulShutdown();
    const quick = shutdown.track();
    const slow = shutdown.track();
    const stored: string[] = [];
    setTimeout(() => {
      stored.push('quick');
      quick.end();
    }, 10);
    // The slow run reacts to its abort by storing what it has, which takes a moment.
    slow.signal.addEventListener('abort', () =>
      setTimeout(() => {
        stored.push('slow (interrupted)');
        slow.end();
      }, 20),
    );

    const result = await shutdown.drain(100);

    expect(result).toEqual({ finished: 1, interrupted: 1 });
    expect(stored).toEqual(['quick', 'slow (interrupted)']);
    expect(quick.signal.aborted).toBe(false);
    expect(shutdown.draining).toBe(true);
    expect(shutdown.inFlight).toBe(0);
  });

  it('returns at once when nothing is running', async () => {
    const shutdown = new GracefulShutdown();
    const run = shutdown.track();
    run.end();
    await expect(shutdown.drain(60_000)).resolves.toEqual({ finished: 0, interrupted: 0 });
  });
});
