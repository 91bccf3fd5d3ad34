import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { runningAsRoot } from './postgres-access.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set once the server printed its ready line (it is then stopped). */
  url?: string;
  ready?: number;
}

/**
 * `npm start` as root from a checkout inside a folder only root may enter (`mktemp -d`, /root):
 * the `postgres` user that the embedded PostgreSQL runs as cannot reach `node_modules` there.
 * The checkout is the compiled server plus a `node_modules` link, and Node keeps the link's path
 * (--preserve-symlinks), so the PostgreSQL binaries are found inside the private folder, as in a
 * real clone.
 */
describe('a start from a checkout inside a 0700 folder', () => {
  let privateDir: string;
  let checkout: string;
  const movedDataDirs: string[] = [];

  beforeAll(() => {
    privateDir = mkdtempSync(join(tmpdir(), 'private-checkout-'));
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    checkout = join(privateDir, 'clone');
    mkdirSync(join(checkout, 'dist'), { recursive: true });
    cpSync(join(projectRoot(), 'dist', 'server'), join(checkout, 'dist', 'server'), { recursive: true });
    cpSync(join(projectRoot(), 'package.json'), join(checkout, 'package.json'));
    symlinkSync(join(projectRoot(), 'node_modules'), join(checkout, 'node_modules'));
  });
  afterAll(() => {
    rmSync(privateDir, { recursive: true, force: true });
    for (const dir of movedDataDirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the production entry point in the checkout; stops it as soon as it is ready. */
  function start(env: Record<string, string>): Promise<Run> {
    const child = spawn(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', join(checkout, 'dist/server/src/main.js')], {
      cwd: checkout,
      env: { PATH: process.env.PATH, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', KNOWLEDGE_INGEST_ON_START: 'none', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Run = { code: null, stdout: '', stderr: '' };
    return new Promise((resolve) => {
      child.stdout.setEncoding('utf8').on('data', async (chunk: string) => {
        run.stdout += chunk;
        const url = /server ready: (http:\/\/\S+)/.exec(run.stdout)?.[1];
        if (url && !run.url) {
          run.url = url;
          run.ready = (await fetch(`${url}/health/ready`)).status;
          child.kill('SIGTERM');
        }
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
      child.once('exit', (code) => resolve({ ...run, code }));
    });
  }

  it('starts with the default data folder, moved where the postgres user can reach it, and says where', async () => {
    const run = await start({});
    expect(run.stderr).not.toMatch(/EACCES|Start-up failed/);
    expect(run.ready).toBe(200);
    expect(run.code).toBe(0);
    if (runningAsRoot()) {
      const warning = run.stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg: string })
        .find((line) => line.msg.startsWith('Embedded PostgreSQL data is kept in'));
      expect(warning?.msg).toMatch(/cannot enter .*private-checkout-\S+ \(mode 0700\).*EMBEDDED_POSTGRES_DIR/);
      movedDataDirs.push(/kept in (\S+):/.exec(warning!.msg)![1]!);
    }
  }, 120_000);

  it('refuses a chosen data folder the postgres user cannot reach, with one line that says what to set', async () => {
    const run = await start({ EMBEDDED_POSTGRES_DIR: join(checkout, 'pgdata') });
    if (!runningAsRoot()) {
      // PostgreSQL runs as this user, who can enter the folder: nothing to refuse.
      expect(run.ready).toBe(200);
      return;
    }
    expect(run.code).toBe(1);
    expect(run.url).toBeUndefined();
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Start-up failed: .*"postgres" user.*cannot enter .*private-checkout-\S+ \(mode 0700\).*EMBEDDED_POSTGRES_DIR.*DATABASE_URL/);
  }, 120_000);
});
