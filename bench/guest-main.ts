/**
 * `npm run bench:guest [-- --runs=N]`: a guest's first answer alone (bench/guest-first-answer.ts), on
 * a PostgreSQL cluster of its own in .data/bench-guest. `npm run bench` runs the same measurement
 * and writes it into docs/performance.md.
 */
import { measureGuestFirstAnswer } from './guest-first-answer.js';
import { runStandalone } from './standalone.js';

const runs = Number(/--runs=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 20);

runStandalone('guest', ({ startServer, log }) => measureGuestFirstAnswer({ startServer, runs, log })).catch((error: unknown) => {
  console.error('bench:guest failed:', error);
  process.exit(1);
});
