/**
 * `npm run bench:streaming [-- --runs=N] [-- --profile]`: the streaming benchmark alone
 * (bench/streaming.ts), on a PostgreSQL cluster of its own in .data/bench-streaming; prints the
 * figures with the load average. `--profile` writes the page's CPU profile of each run there too.
 * `npm run bench` runs the same measurement and writes it into docs/performance.md.
 */
import { join } from 'node:path';
import { runStandalone } from './standalone.js';
import { measureStreaming } from './streaming.js';

const runs = Number(/--runs=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 3);

runStandalone('streaming', ({ startServer, log, workDir }) => {
  const profileDir = process.argv.includes('--profile') ? join(workDir, 'profiles') : undefined;
  return measureStreaming({ startServer, runs, log, profileDir });
}).catch((error: unknown) => {
  console.error('bench:streaming failed:', error);
  process.exit(1);
});
