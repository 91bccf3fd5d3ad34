/**
 * `npm run bench:host-sign-in [-- --seconds=N]`: the host sign-in benchmark alone
 * (bench/host-sign-in.ts), on a PostgreSQL cluster of its own in .data/bench-host-sign-in. `npm run
 * bench` runs the same measurement and writes it into docs/performance.md.
 */
import { join } from 'node:path';
import { measureHostSignIn } from './host-sign-in.js';
import { runStandalone } from './standalone.js';

const seconds = Number(/--seconds=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 10);

runStandalone('host-sign-in', (startServer, log, workDir) =>
  measureHostSignIn({ startServer, postgresDataDir: join(workDir, 'postgres'), seconds, log }),
).catch((error: unknown) => {
  console.error('bench:host-sign-in failed:', error);
  process.exit(1);
});
