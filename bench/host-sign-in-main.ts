/**
 * `npm run bench:host-sign-in [-- --seconds=N] [-- --profile]`: the host sign-in benchmark alone
 * (bench/host-sign-in.ts), on a PostgreSQL cluster of its own in .data/bench-host-sign-in; prints
 * the figure with the load average; `--profile` writes the server's CPU profile there too. `npm run
 * bench` runs the same measurement.
 */
import { measureHostSignIn } from './host-sign-in.js';
import { runStandalone } from './standalone.js';

const seconds = Number(/--seconds=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 10);

runStandalone(
  'host-sign-in',
  ({ startServer, postgresDataDir, log }) => measureHostSignIn({ startServer, postgresDataDir, seconds, log }),
  { profileServer: true },
).catch((error: unknown) => {
  console.error('bench:host-sign-in failed:', error);
  process.exit(1);
});
