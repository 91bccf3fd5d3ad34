/**
 * `npm run bench:console [-- --quick | --share=0.25]`: the console benchmark alone (bench/console.ts)
 * over the same seed as `npm run bench` (bench/seed.ts), or a share of it, on a PostgreSQL cluster
 * of its own in .data/bench-console; prints each panel's figures with the load average and writes
 * the plans to .data/bench-console/console-plans.txt.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { BENCH_ORIGIN, signUpBenchUser } from './api-users.js';
import { measureConsole } from './console.js';
import { scaleFromArgs } from './scale.js';
import { seed } from './seed.js';
import { runStandalone } from './standalone.js';

const full = scaleFromArgs(process.argv);
const share = Number(/--share=([\d.]+)/.exec(process.argv.join(' '))?.[1] ?? 1);
const scale = { ...full, users: Math.round(full.users * share), conversations: Math.round(full.conversations * share), messages: Math.round(full.messages * share), heavyUserMessages: Math.round(full.heavyUserMessages * share) };

runStandalone('console', async ({ startServer, log, workDir, databaseUrl }) => {
  const server = await startServer({ ALLOWED_ORIGINS: BENCH_ORIGIN });
  const heavy = await signUpBenchUser(server.url, 'heavy');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const seeded = await seed(db, { scale, heavyUserId: heavy.id }, log);
    log(`seeded in ${seeded.seconds.toFixed(0)} s: ${JSON.stringify(seeded)}`);
    const { rows, plans } = await measureConsole({ serverUrl: server.url, db, requests: full.name === 'quick' ? 20 : 40, log });
    writeFileSync(join(workDir, 'console-plans.txt'), `${plans.join('\n\n')}\n`);
    return rows;
  } finally {
    await db.end();
  }
}).catch((error: unknown) => {
  console.error('bench:console failed:', error);
  process.exit(1);
});
