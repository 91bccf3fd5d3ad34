import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startServerProcess } from '../../test/server-process.js';
import { adminQuery, databaseUrl, testPostgres } from '../../test/test-postgres.js';
import { projectRoot } from '../common/project-root.js';
import { migrations } from './migrations/index.js';

const run = promisify(execFile);

/** `npm run deploy:migrate` as a release step runs it: the compiled script, with only database settings. */
function deployMigrate(env: Record<string, string>) {
  return run(process.execPath, [join(projectRoot(), 'dist/server/src/database/migrate.js'), 'run'], {
    cwd: projectRoot(),
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env },
  });
}

describe('npm run deploy:migrate', () => {
  let name: string;
  let url: string;

  beforeEach(async () => {
    const { adminUrl } = testPostgres();
    name = `deploy_${process.pid}_${Date.now()}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    url = databaseUrl(adminUrl, name);
  });
  afterEach(() => adminQuery(testPostgres().adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('migrates an empty database once when several instances run it at the same moment', async () => {
    // Production settings are not needed for this step; the direct URL wins over the pooled one.
    const results = await Promise.all(
      Array.from({ length: 4 }, () => deployMigrate({ DATABASE_URL: 'postgres://pooled.invalid/none', DATABASE_URL_DIRECT: url })),
    );
    const applied = results.filter((r) => r.stdout.startsWith('Applied:'));
    expect(applied).toHaveLength(1);
    expect(applied[0]!.stdout).toContain(migrations.at(-1)!.name);
    expect(results.filter((r) => r.stdout.startsWith('No pending migrations.'))).toHaveLength(3);
  });

  it('is what a server with MIGRATE_ON_START=false waits for: it refuses an unmigrated database, then starts', async () => {
    await expect(startServerProcess({ DATABASE_URL: url, MIGRATE_ON_START: 'false' })).rejects.toThrow(/pending migrations: run `npm run deploy:migrate`/);
    await deployMigrate({ DATABASE_URL: url });
    const server = await startServerProcess({ DATABASE_URL: url, MIGRATE_ON_START: 'false' });
    try {
      const ready = await fetch(`${server.url}/health/ready`);
      expect(ready.status).toBe(200);
    } finally {
      await server.stop();
    }
    // Two full process start-ups: slow on a busy CI machine.
  }, 90_000);

  it('fails with a clear message and no stack when production gives no database', async () => {
    const failure = await deployMigrate({}).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining('DATABASE_URL (unset): required in production') });
  });
});
