import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../server/src/database/free-port.js';
import { projectRoot } from '../../server/src/common/project-root.js';

/**
 * The real server, compiled (`dist/`), run as `npm start` runs it: a child process with its own
 * settings and database, serving the API on one port and the example pages on another origin.
 */
export class ServerProcess {
  private child?: ChildProcess;
  private output: string[] = [];

  private constructor(
    readonly url: string,
    readonly examplesUrl: string,
    private readonly env: Record<string, string>,
  ) {}

  /** Picks the two ports (API and examples) so their URLs are known before the process starts. */
  static async create(databaseUrl: string): Promise<ServerProcess> {
    const port = await findFreePort();
    const examplesPort = await findFreePort();
    const url = `http://localhost:${port}`;
    return new ServerProcess(url, `http://localhost:${examplesPort}`, {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      DATABASE_URL: databaseUrl,
      EXAMPLES_PORT: String(examplesPort),
      SERVE_EXAMPLES: 'true',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      ALLOWED_ORIGINS: '',
    });
  }

  /**
   * Starts the process with extra settings (kept for later restarts), or starts it again after
   * stop/kill on the same ports and database; resolves once the API and the examples answer.
   */
  async start(env: Record<string, string> = {}): Promise<void> {
    Object.assign(this.env, env);
    const { NODE_OPTIONS: _jestFlags, ...inherited } = process.env;
    // Its own working directory, so a developer's .env in the checkout does not leak into the tests.
    const cwd = mkdtempSync(join(tmpdir(), 'chat-widget-e2e-'));
    const child = spawn(process.execPath, [join(projectRoot(), 'dist/server/dev/main.js')], {
      cwd,
      env: { ...inherited, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const record = (chunk: Buffer) => this.output.push(chunk.toString());
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
    await this.waitUntilReady(child);
  }

  /** Everything the server printed (JSON logs, and in development the emails it did not send). */
  logs(): string {
    return this.output.join('');
  }

  /** A crash: the process is killed without a chance to finish its responses. */
  async kill(): Promise<void> {
    await this.stopWith('SIGKILL');
  }

  /** A clean shutdown (SIGTERM), escalating to SIGKILL if it takes too long. */
  async stop(): Promise<void> {
    await this.stopWith('SIGTERM');
  }

  private async stopWith(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 60_000;
    let exited = false;
    child.once('exit', () => (exited = true));
    while (Date.now() < deadline) {
      if (exited) throw new Error(`server exited during start-up:\n${this.logs()}`);
      if ((await ok(`${this.url}/health/ready`)) && (await ok(`${this.examplesUrl}/`))) return;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await this.kill();
    throw new Error(`server not ready after 60 s:\n${this.logs()}`);
  }
}

async function ok(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
