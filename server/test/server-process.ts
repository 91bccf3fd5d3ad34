import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../src/common/project-root.js';

export interface ServerProcess {
  url: string;
  /** The PUBLIC_URL it runs with (its JWT issuer): derived from the port it was given unless set. */
  publicUrl: string;
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
  const lines: string[] = [];
  const child = spawn(process.execPath, [join(projectRoot(), 'dist/server/src/main.js')], {
    cwd: projectRoot(),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      // The system picks the port; the process says which in its 'server listening' line.
      PORT: '0',
      LOG_LEVEL: 'info',
      ALLOWED_ORIGINS: 'http://host.test',
      TRUST_PROXY: '127.0.0.1',
      SERVE_EXAMPLES: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  let onListening: (line: { url: string; publicUrl: string }) => void;
  const listening = new Promise<{ url: string; publicUrl: string }>((resolve) => (onListening = resolve));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const complete = buffer.split('\n');
    buffer = complete.pop()!;
    for (const line of complete.filter((l) => l.startsWith('{'))) {
      lines.push(line);
      const parsed = JSON.parse(line) as { msg?: string; url: string; publicUrl: string };
      if (parsed.msg === 'server listening') onListening(parsed);
    }
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let timer: NodeJS.Timeout | undefined;
  const started = await Promise.race([
    listening,
    exited.then((code) => new Error(`server process exited (${code}) during start-up: ${stderr}`)),
    new Promise<Error>((resolve) => (timer = setTimeout(() => resolve(new Error(`server process not listening after 30 s: ${stderr}`)), 30_000))),
  ]);
  clearTimeout(timer);
  if (started instanceof Error) {
    child.kill('SIGKILL');
    await exited;
    throw started;
  }
  return {
    url: started.url,
    publicUrl: started.publicUrl,
    child,
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
