import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { guestClient, signedInClient } from '../../../test/api-client.js';
import { startTestServer, type TestServer } from '../../../test/test-server.js';
import { projectRoot } from '../../common/project-root.js';

const CLI = join(projectRoot(), 'dist/server/src/auth/guests/purge-cli.js');

/** `npm run purge` without the build step: the compiled CLI, as `npm test` built it. */
async function purge(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI], { env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const TABLES = ['"user"', '"session"', 'users', 'conversations', 'messages'] as const;

describe('npm run purge (expired guests)', () => {
  let server: TestServer;
  let db: pg.Client;

  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of TABLES) result[table] = Number((await db.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
    return result;
  };
  /** Moves a user's creation and its sessions' last use `days` into the past. */
  const age = async (userId: string, created: number, lastVisit = created) => {
    await db.query(`UPDATE "user" SET "createdAt" = now() - make_interval(days => $2) WHERE id = $1`, [userId, created]);
    await db.query(`UPDATE "session" SET "updatedAt" = now() - make_interval(days => $2) WHERE "userId" = $1`, [userId, lastVisit]);
  };

  beforeAll(async () => {
    server = await startTestServer({ AUTH_MODES: 'guest,password', AGENT_RATE_LIMIT: '1000', AUTH_SIGN_UP_RATE_LIMIT_MAX: '1000' });
    db = new pg.Client({ connectionString: server.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await server.close();
  });

  it('deletes guests idle past GUEST_RETENTION_DAYS with all they own, once, even run twice at once', async () => {
    const expiredWithChat = await guestClient(server.url);
    await expiredWithChat.post('/agents/run', { message: 'Old question' }).expect(200);
    await expiredWithChat.post('/agents/run', { message: 'Another old one' }).expect(200);
    const expiredSilent = await guestClient(server.url);
    const recent = await guestClient(server.url);
    await recent.post('/agents/run', { message: 'Recent question' }).expect(200);
    const oldButBack = await guestClient(server.url);
    await oldButBack.post('/agents/run', { message: 'Came back yesterday' }).expect(200);
    const member = await signedInClient(server.url);
    await member.post('/agents/run', { message: 'Member question' }).expect(200);
    await age(expiredWithChat.guest.userId, 31);
    await age(expiredSilent.guest.userId, 45);
    await age(oldButBack.guest.userId, 40, 1);
    await age(member.user.userId, 400);

    const before = await counts();
    // Two instances' purges at the same moment: each guest is deleted by exactly one of them.
    const runs = await Promise.all([purge({ DATABASE_URL: server.database.url }), purge({ DATABASE_URL: server.database.url })]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const purged = runs.map((r) => /^Purged (\d+) guests inactive for 30 days \((\d+) with conversations\)\.\n$/.exec(r.stdout));
    expect(purged.every(Boolean)).toBe(true);
    expect(purged.reduce((sum, m) => sum + Number(m![1]), 0)).toBe(2);
    expect(purged.reduce((sum, m) => sum + Number(m![2]), 0)).toBe(1);

    // Gone: 2 Better Auth users and their 2 sessions, 1 users row, 2 conversations with 4 messages.
    expect(await counts()).toEqual({
      '"user"': before['"user"']! - 2,
      '"session"': before['"session"']! - 2,
      users: before.users! - 1,
      conversations: before.conversations! - 2,
      messages: before.messages! - 4,
    });
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM "user" WHERE id = ANY($1)`, [
      [expiredWithChat.guest.userId, expiredSilent.guest.userId, recent.guest.userId, oldButBack.guest.userId, member.user.userId],
    ]);
    expect(rows.map((r) => r.id).sort()).toEqual([recent.guest.userId, oldButBack.guest.userId, member.user.userId].sort());
    // The purged guest's token dies with it.
    await expiredWithChat.get('/conversations').expect(401);
    await recent.get('/conversations').expect(200);

    expect((await purge({ DATABASE_URL: server.database.url })).stdout).toBe('Purged 0 guests inactive for 30 days (0 with conversations).\n');
  });

  it('follows GUEST_RETENTION_DAYS, and refuses a bad one with a clear message', async () => {
    const guest = await guestClient(server.url);
    await age(guest.guest.userId, 8);
    expect((await purge({ DATABASE_URL: server.database.url, GUEST_RETENTION_DAYS: '10' })).stdout).toMatch(/^Purged 0 guests/);
    expect((await purge({ DATABASE_URL: server.database.url, GUEST_RETENTION_DAYS: '7' })).stdout).toMatch(/^Purged 1 guests inactive for 7 days/);
    expect(await purge({ DATABASE_URL: server.database.url, GUEST_RETENTION_DAYS: 'soon' })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('GUEST_RETENTION_DAYS=soon'),
    });
  });

  it('runs in the server too: each instance purges as it starts', async () => {
    const guest = await guestClient(server.url);
    await age(guest.guest.userId, 60);
    // A second instance on the same database purges as it starts.
    const second = await startTestServer({ PUBLIC_URL: server.url }, { database: server.database });
    try {
      for (let i = 0; i < 50 && (await db.query(`SELECT 1 FROM "user" WHERE id = $1`, [guest.guest.userId])).rowCount; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await db.query(`SELECT 1 FROM "user" WHERE id = $1`, [guest.guest.userId])).rowCount).toBe(0);
    } finally {
      await second.close();
    }
  });
});
