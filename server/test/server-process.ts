import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../src/common/project-root.js';
import { findFreePort } from '../src/database/free-port.js';
import { waitForPort } from './child-process.js';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every JSON log line the process wrote so far, parsed. */
  logs(): Array<Record<string, unknown>>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Sends a signal (SIGTERM by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * The compiled server as production runs it (`node dist/server/src/main.js`) in a process of its
 * own, so several instances, signals and exits are real. Needs `npm run build:server` first.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await findFreePort();
  const lines: string[] = [];
  const child = spawn(process.execPath, [join(projectRoot(), 'dist/server/src/main.js')], {
    cwd: projectRoot(),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'info',
      ALLOWED_ORIGINS: 'http://host.test',
      TRUST_PROXY: '127.0.0.1',
      SERVE_EXAMPLES: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const complete = buffer.split('\n');
    buffer = complete.pop()!;
    lines.push(...complete.filter((l) => l.startsWith('{')));
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitForPort(port, 30_000, () => child.exitCode === null && child.signalCode === null);
  } catch (error) {
    child.kill('SIGKILL');
    const code = await exited;
    throw new Error(`server process exited (${code}) during start-up: ${stderr}`, { cause: error });
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
