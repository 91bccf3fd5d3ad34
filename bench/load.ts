import autocannon from 'autocannon';
import { CpuMeter } from './processes.js';
import { type Latency, summarize } from './stats.js';

export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Headers chosen per request (e.g. rotating users); overrides `headers`. */
  headersFor?: () => Record<string, string>;
  /** A body per request (e.g. a one-use token each time); overrides `body`. */
  bodyFor?: () => string;
}

export interface LoadResult {
  requestsPerSecond: number;
  latency: Latency;
  errors: number;
  /** Requests per CPU-second used by the server process and by server + database together. */
  perServerCpuSecond?: number;
  perTotalCpuSecond?: number;
  /** CPU milliseconds per request in the server process and in PostgreSQL. */
  serverCpuMs?: number;
  databaseCpuMs?: number;
}

/**
 * Closed-loop load with autocannon from this process: `connections` clients each keep one request
 * in flight for `seconds`. Latencies are recorded per response so any percentile can be given.
 */
export async function load(baseUrl: string, request: LoadRequest, options: { connections: number; seconds: number; cpu?: CpuMeter }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const before = await options.cpu?.sample();
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: new URL(request.path, baseUrl).href,
    connections: options.connections,
    duration: options.seconds,
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    body: request.body,
    ...(request.headersFor || request.bodyFor
      ? {
          requests: [
            {
              method: request.method ?? 'GET',
              path: request.path,
              body: request.body,
              setupRequest: (req: Record<string, unknown>) => ({
                ...req,
                ...(request.headersFor ? { headers: request.headersFor() } : {}),
                ...(request.bodyFor ? { body: request.bodyFor() } : {}),
              }),
            },
          ],
        }
      : {}),
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    else errors++;
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance.on('done', resolve);
    instance.on('error', reject);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const after = await options.cpu?.sample();
  const ok = latencies.length;
  const outcome: LoadResult = {
    requestsPerSecond: ok / seconds,
    latency: summarize(latencies),
    errors: errors + result.errors + result.timeouts,
  };
  if (before && after) {
    const { server, database } = CpuMeter.used(before, after);
    if (server > 0) outcome.perServerCpuSecond = ok / server;
    if (server + database > 0) outcome.perTotalCpuSecond = ok / (server + database);
    if (ok > 0) {
      outcome.serverCpuMs = (server * 1000) / ok;
      outcome.databaseCpuMs = (database * 1000) / ok;
    }
  }
  return outcome;
}

/** A short untimed run so JIT, pools and caches are warm before measuring. */
export async function warmUp(baseUrl: string, request: LoadRequest, connections: number): Promise<void> {
  await load(baseUrl, request, { connections, seconds: 1 });
}
