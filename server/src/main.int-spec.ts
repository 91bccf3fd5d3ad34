import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './common/project-root.js';

const entry = join(projectRoot(), 'dist', 'server', 'src', 'main.js');

/** Runs the built server entry point as `npm start` does, with only the given environment. */
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    cwd: tmpdir(),
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('server entry point', () => {
  it('has been built (npm test builds first)', () => {
    expect(existsSync(entry)).toBe(true);
  });

  it('fails fast with one line per bad setting and a non-zero exit code', () => {
    const result = start({ DATABASE_URL: 'not-a-url', PORT: 'abc' });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(lines.slice(1).map((l) => l.trim()).sort()).toEqual([
      'DATABASE_URL=not-a-url: must be a postgres:// or postgresql:// URL',
      expect.stringMatching(/^PORT=abc: must be an integer number$/),
    ]);
  });

  it('refuses to start in production with development defaults', () => {
    const result = start({ NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/BETTER_AUTH_SECRET \(unset\): required in production/);
    expect(result.stderr).toMatch(/DATABASE_URL \(unset\): required in production/);
  });
});
