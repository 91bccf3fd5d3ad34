import type { ApiClient, RunEventHandler } from './api-client.js';
import { ApiError } from './api-error.js';

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 30_000;

/**
 * How long to wait before retry `attempt` (1, 2, …): exponential, capped, with "equal jitter"
 * (half fixed, half random), so the tabs that lost one server do not all come back at once.
 */
export function retryDelay(attempt: number, random = Math.random): number {
  const cap = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/**
 * Calls `wake` when a connection is most likely to work again, or to be dead without knowing it:
 * the network came back, or the tab was shown again (a sleeping phone drops its sockets silently).
 */
export function onComeback(wake: () => void): () => void {
  const visible = () => document.visibilityState === 'visible' && wake();
  addEventListener('online', wake);
  document.addEventListener('visibilitychange', visible);
  return () => {
    removeEventListener('online', wake);
    document.removeEventListener('visibilitychange', visible);
  };
}

export interface FollowOptions {
  runId: string;
  /** The last event already applied: the server replays what came after it. */
  after: number;
  signal: AbortSignal;
  onEvent: RunEventHandler;
  /** `attempt` > 0: the connection dropped and attempt `attempt` is scheduled; 0: events flow again. */
  onRetry(attempt: number): void;
}

/**
 * Follows a run through `GET /runs/:id/events` until its `done` or `error`, reconnecting after a
 * drop (with backoff, at once when the network or the tab comes back) from the last event seen, so
 * no event is applied twice or missed. Resolves once the run ended (or the server has nothing more
 * to send); rejects on a 4xx (the run is gone, the session expired) or when `signal` aborts.
 */
export async function followRun(api: ApiClient, options: FollowOptions): Promise<void> {
  let after = options.after;
  let attempt = 0;
  let ended = false;
  for (;;) {
    if (options.signal.aborted) throw new ApiError(0, 'ABORTED', 'Aborted');
    // Each attempt has its own abort: a comeback cuts a connection that may be silently dead.
    const connection = new AbortController();
    const abort = () => connection.abort();
    let cameBack = false;
    options.signal.addEventListener('abort', abort);
    const stopWatching = onComeback(() => {
      cameBack = true;
      abort();
    });
    try {
      await api.followRun(
        options.runId,
        after,
        (event, id) => {
          if (attempt) options.onRetry((attempt = 0));
          after = Math.max(after, id);
          ended ||= event.type === 'done' || event.type === 'error';
          options.onEvent(event, id);
        },
        connection.signal,
      );
      return;
    } catch (error) {
      if (ended) return;
      const apiError = ApiError.network(error);
      if (options.signal.aborted) throw apiError;
      // 408 and 429 pass with time; other 4xx will not.
      if (apiError.status >= 400 && apiError.status < 500 && apiError.status !== 408 && apiError.status !== 429) throw apiError;
    } finally {
      stopWatching();
      options.signal.removeEventListener('abort', abort);
    }
    if (cameBack) continue;
    options.onRetry(++attempt);
    await pause(retryDelay(attempt), options.signal);
  }
}

/** Waits `ms`, or less when the network or the tab comes back, or `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      stopWatching();
      signal.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    const stopWatching = onComeback(wake);
    signal.addEventListener('abort', wake);
  });
}
