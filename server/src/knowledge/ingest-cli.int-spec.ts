import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { knowledgeFolder, type KnowledgeFolder } from '../../test/knowledge-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { projectRoot } from '../common/project-root.js';

const CLI = join(projectRoot(), 'dist/server/src/knowledge/ingest-cli.js');

/** `npm run ingest -- …` without the build step: the compiled CLI, as `npm test` built it. */
async function ingest(env: Record<string, string>, ...paths: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...paths], { env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run ingest', () => {
  let database: TestDatabase;
  let folder: KnowledgeFolder;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    folder = await knowledgeFolder();
    env = { DATABASE_URL: database.url, KNOWLEDGE_BASE_URL: 'https://help.example.com/' };
  });
  afterAll(async () => {
    await database.drop();
    await folder.dispose();
  });

  it('ingests folders and reports what changed', async () => {
    const first = await ingest(env, folder.path);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Ingested .* in \d+ ms: 4 added, 0 updated, 0 unchanged, 0 removed\.\n$/) });
    await folder.remove('faq.txt');
    const second = await ingest(env, folder.path);
    expect(second.stdout).toMatch(/: 0 added, 0 updated, 3 unchanged, 1 removed\.\n$/);
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT url FROM documents ORDER BY url');
      expect(rows.map((r) => r.url)).toEqual(['https://help.example.com/embedding.md', 'https://help.example.com/guides/deployment.html', 'https://help.example.com/theming.md']);
    } finally {
      await db.end();
    }
  });

  it('fails with a clear message for a missing path, no arguments, or a bad setting', async () => {
    expect(await ingest(env, join(folder.path, 'nope'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Ingestion failed: .*nope: no such file or folder\n$/) });
    expect(await ingest(env)).toMatchObject({ code: 1, stderr: expect.stringContaining('usage: npm run ingest -- <files or folders>') });
    expect(await ingest({ ...env, KNOWLEDGE_BASE_URL: 'not a url' }, folder.path)).toMatchObject({ code: 1, stderr: expect.stringContaining('KNOWLEDGE_BASE_URL=not a url') });
  });
});
