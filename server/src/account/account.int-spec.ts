import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Pool } from 'pg';
import request from 'supertest';
import { signedInClient, type SignedInClient } from '../../test/api-client.js';
import { fetchJwt, TEST_ORIGIN } from '../../test/auth-helpers.js';
import { hostToken, signInHost, TEST_HOST_ENV } from '../../test/host-identity.js';
import { knowledgeFolder, type KnowledgeFolder } from '../../test/knowledge-fixtures.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { PG_POOL } from '../database/database.module.js';

/** Bookkeeping that outlives an account by design: revocations (they end its tokens), and per-address and per-token counters. */
const BOOKKEEPING = new Set(['auth_revocations', 'rateLimit', 'rate_limits', 'host_token_replays', 'migrations', 'typeorm_metadata']);

async function rowCounts(pool: Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name: table } of rows) {
    if (BOOKKEEPING.has(table)) continue;
    counts[table] = Number((await pool.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
  }
  return counts;
}

describe('the account as a whole: GET /users/me/export and DELETE /users/me', () => {
  let docs: KnowledgeFolder;
  let server: TestServer;
  let pool: Pool;
  let bystander: SignedInClient;

  beforeAll(async () => {
    docs = await knowledgeFolder();
    server = await startTestServer({ ...TEST_HOST_ENV, KNOWLEDGE_INGEST_ON_START: docs.path, KNOWLEDGE_BASE_URL: 'https://docs.example.com/', AGENT_RATE_LIMIT: '10000' });
    pool = server.app.get<Pool>(PG_POOL);
    // Someone else's data, which neither the export nor the deletion may touch.
    bystander = await signedInClient(server.url);
    await bystander.post('/agents/run', { message: 'Which script tag loads chat-widget.js?' }).expect(200);
  });
  afterAll(async () => {
    await server.close();
    await docs.dispose();
  });

  /** A thumbs-up on an answer, stored as the feedback feature stores it. */
  const rate = (messageId: string, comment: string) =>
    pool.query(`INSERT INTO message_feedback (message_id, user_id, rating, comment) SELECT id, user_id, 'up', $2 FROM messages WHERE id = $1`, [messageId, comment]);

  describe('GET /users/me/export', () => {
    it('downloads everything stored about the user as one JSON file, and nothing of anyone else', async () => {
      const alice = await signedInClient(server.url);
      const first = (await alice.post('/agents/run', { message: 'Which script tag loads chat-widget.js?' }).expect(200)).body;
      await rate(first.assistantMessage.id, 'Very helpful');
      await alice.post('/agents/run', { message: 'And how do I theme it?', conversationId: first.conversation.id }).expect(200);
      await alice.post('/agents/run', { message: 'Can I run several instances behind a load balancer?' }).expect(200);

      const response = await alice.get('/users/me/export').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="chat-data-\d{4}-\d{2}-\d{2}\.json"$/);
      const data = JSON.parse(response.text);
      expect(data.profile).toMatchObject({ email: alice.user.email, name: alice.user.name });
      expect(data.signIn).toMatchObject({ email: alice.user.email, methods: [{ providerId: 'credential' }] });
      expect(data.signIn.sessions.length).toBeGreaterThan(0);
      expect(JSON.stringify(data)).not.toMatch(/password|"token"/i);

      expect(data.conversations.map((c: { conversation: { title: string } }) => c.conversation.title)).toEqual([
        'Which script tag loads chat-widget.js?',
        'Can I run several instances behind a load balancer?',
      ]);
      const [thread] = data.conversations;
      expect(thread.messages.map((m: { role: string; content: string }) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
      expect(thread.messages[1].sources[0]).toMatchObject({ title: expect.any(String), url: expect.stringMatching(/^https:\/\/docs\.example\.com\//) });
      expect(thread.messages[2].content).toBe('And how do I theme it?');
      expect(data.feedback).toEqual([expect.objectContaining({ messageId: first.assistantMessage.id, rating: 'up', comment: 'Very helpful' })]);
      expect(JSON.stringify(data)).not.toContain(bystander.user.email);
    });

    it('is for signed-in users only', async () => {
      const response = await request(server.url).get('/users/me/export');
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code: 'TOKEN_MISSING' });
    });
  });

  describe('DELETE /users/me', () => {
    it('removes the user, sessions, accounts, conversations, messages and feedback in one go: every table is back to its count before the account', async () => {
      const before = await rowCounts(pool);
      const leaver = await signedInClient(server.url);
      const started = (await leaver.post('/agents/run', { message: 'Which script tag loads chat-widget.js?' }).expect(200)).body;
      await leaver.post('/agents/run', { message: 'And the theme?', conversationId: started.conversation.id }).expect(200);
      await rate(started.assistantMessage.id, 'Thanks');
      const during = await rowCounts(pool);
      for (const table of ['user', 'session', 'account', 'users', 'conversations', 'messages', 'message_feedback']) expect(during[table]).toBeGreaterThan(before[table]!);

      await leaver.delete('/users/me').expect(204);
      expect(await rowCounts(pool)).toEqual(before);
      // The bystander keeps everything.
      const theirs = await bystander.get('/conversations').expect(200);
      expect(theirs.body.items).toHaveLength(1);
    });

    it('ends every session and token of the account at once', async () => {
      const leaver = await signedInClient(server.url);
      await leaver.delete('/users/me').expect(204);
      const api = await leaver.get('/users/me');
      expect({ status: api.status, code: api.body.code }).toEqual({ status: 401, code: 'TOKEN_REVOKED' });
      const session = await request(server.url).get('/api/auth/token').set('Origin', TEST_ORIGIN).set('Authorization', `Bearer ${leaver.user.sessionToken}`);
      expect(session.status).toBe(401);
    });

    it("deletes a host site's user too; the same host user signs in afresh as a new, empty chat user", async () => {
      const sub = 'host-user-who-leaves';
      const first = await signInHost(server.url, await hostToken({ sub })).expect(200);
      const jwt = await fetchJwt(server.url, first.headers['set-auth-token']);
      await request(server.url).post('/agents/run').set('Authorization', `Bearer ${jwt}`).send({ message: 'Hello' }).expect(200);
      await request(server.url).delete('/users/me').set('Authorization', `Bearer ${jwt}`).expect(204);
      expect((await pool.query(`SELECT count(*)::int AS n FROM account WHERE "providerId" = 'host' AND "accountId" = $1`, [sub])).rows[0].n).toBe(0);

      const again = await signInHost(server.url, await hostToken({ sub })).expect(200);
      expect(again.body.user.id).not.toBe(first.body.user.id);
      const fresh = await fetchJwt(server.url, again.headers['set-auth-token']);
      const list = await request(server.url).get('/conversations').set('Authorization', `Bearer ${fresh}`).expect(200);
      expect(list.body.items).toEqual([]);
    });

    it('is for signed-in users only', async () => {
      const response = await request(server.url).delete('/users/me');
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code: 'TOKEN_MISSING' });
    });
  });
});
