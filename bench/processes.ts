import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findFreePort } from '../server/src/database/free-port.js';

export interface ChildServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * How the standalone benches (`bench:streaming`, `bench:runs`, …) start the compiled server: in its own
 * process on a free port, on `databaseUrl`, quiet, with `env` on top (and `nodeArgs`, e.g. a CPU
 * profile). Every server started by one starter shares one Better Auth secret, so servers sharing
 * the database share its signing keys.
 */
export function benchServerStarter(options: { root: string; workDir: string; databaseUrl: string; nodeArgs?: string[] }): (env: Record<string, string>) => Promise<ChildServer> {
  const secret = randomBytes(32).toString('base64');
  return async (env) => {
    const port = await findFreePort();
    return startNodeServer({
      script: join(options.root, 'dist/server/src/main.js'),
      env: {
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: options.databaseUrl,
        LOG_LEVEL: 'warn',
        TRUST_PROXY: '127.0.0.1',
        SERVE_EXAMPLES: 'false',
        BETTER_AUTH_SECRET: secret,
        ...env,
      },
      port,
      readyPath: '/health/ready',
      logFile: join(options.workDir, 'server.log'),
      nodeArgs: options.nodeArgs,
    });
  };
}

/** Starts `node <script>` in its own process (the load generator must not share its event loop) and waits for `readyPath`. */
export async function startNodeServer(options: { script: string; env: Record<string, string>; port: number; readyPath: string; logFile: string; nodeArgs?: string[] }): Promise<ChildServer> {
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script], {
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${options.port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntilReady(child, `${url}${options.readyPath}`, options.logFile);
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitUntilReady(child: ChildProcess, url: string, logFile: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${url} not ready within 120 s; see ${logFile}`);
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far. */
async function cpuSecondsOf(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0; // exited, or not Linux
  }
}

async function childrenOf(pid: number): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) pids.push(Number(entry));
  }
  return pids;
}

/** CPU seconds per process at one instant: the server's, and each PostgreSQL process's. */
export interface CpuSample {
  server: number;
  database: Map<number, number>;
}

/**
 * CPU used by the server's Node process and by the PostgreSQL postmaster with its backends (read
 * from the data directory's postmaster.pid) between two samples. Backends come and go with the
 * pools, so the database's share is summed per process: one that started in between counts in
 * full, one that ended in between is lost (idle connections closing use next to nothing).
 */
export class CpuMeter {
  constructor(private readonly serverPid: number, private readonly postgresDataDir: string) {}

  async sample(): Promise<CpuSample> {
    const postmaster = Number((await readFile(`${this.postgresDataDir}/postmaster.pid`, 'utf8')).split('\n')[0]);
    const pids = [postmaster, ...(await childrenOf(postmaster))];
    const database = new Map(await Promise.all(pids.map(async (pid) => [pid, await cpuSecondsOf(pid)] as [number, number])));
    return { server: await cpuSecondsOf(this.serverPid), database };
  }

  static used(before: CpuSample, after: CpuSample): { server: number; database: number } {
    let database = 0;
    for (const [pid, seconds] of after.database) database += seconds - (before.database.get(pid) ?? 0);
    return { server: after.server - before.server, database };
  }
}
