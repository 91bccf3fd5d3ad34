/**
 * `npm run bench:runs [-- --reattaches=N]`: the runs benchmark alone (bench/runs.ts: reattach,
 * stop, the event log's cost per event), on a PostgreSQL cluster of its own in .data/bench-runs;
 * prints the figures with the load average. `npm run bench` runs the same and writes them into
 * docs/performance.md.
 */
import { BENCH_ORIGIN, signUpBenchUser } from './api-users.js';
import { measureRuns } from './runs.js';
import { runStandalone } from './standalone.js';

const reattaches = Number(/--reattaches=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 100);

runStandalone('runs', async (context) => {
  const startServer = (env: Record<string, string>) => context.startServer({ ALLOWED_ORIGINS: BENCH_ORIGIN, AGENT_RATE_LIMIT: '100000', ...env });
  const first = await startServer({});
  const user = await signUpBenchUser(first.url, 'runs');
  return measureRuns({ startServer, sessionToken: user.sessionToken, reattaches, log: context.log });
}).catch((error: unknown) => {
  console.error('bench:runs failed:', error);
  process.exit(1);
});
