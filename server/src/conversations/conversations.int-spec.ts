import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { signedInClient, type SignedInClient } from '../../test/api-client.js';
import { awkwardStrings, corpus } from '../../test/corpora.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

async function count(url: string, sql: string, params: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(sql, params)).rows[0].n);
  } finally {
    await client.end();
  }
}

describe('conversations and agent runs', () => {
  let server: TestServer;
  let alice: SignedInClient;
  let bob: SignedInClient;

  beforeAll(async () => {
    server = await startTestServer({ AGENT_RATE_LIMIT: '10000', MESSAGE_MAX_LENGTH: '500' });
    [alice, bob] = await Promise.all([signedInClient(server.url), signedInClient(server.url)]);
  });
  afterAll(() => server.close());

  const run = (client: SignedInClient, body: object) => client.post('/agents/run', body);

  describe('POST /agents/run', () => {
    it('starts a conversation titled after the first message and answers in JSON', async () => {
      const response = await run(alice, { message: '  How do I embed the widget?\nOn my site.' }).expect(200);
      const { conversation, userMessage, assistantMessage } = response.body;
      expect(conversation).toMatchObject({ title: 'How do I embed the widget?', messageCount: 2 });
      expect(userMessage).toMatchObject({ role: 'user', content: '  How do I embed the widget?\nOn my site.', status: 'complete' });
      expect(assistantMessage).toMatchObject({ role: 'assistant', status: 'complete', replyToId: userMessage.id, conversationId: conversation.id });
      expect(assistantMessage.content.length).toBeGreaterThan(0);
      expect(Date.parse(assistantMessage.createdAt)).toBeGreaterThanOrEqual(Date.parse(userMessage.createdAt));
    });

    it('streams server-sent events: conversation, deltas, sources, done — and stores what it streamed', async () => {
      const { status, headers, events } = await alice.stream('/agents/run', { message: 'Tell me about the widget' });
      expect(status).toBe(200);
      expect(headers['content-type']).toMatch(/^text\/event-stream/);
      const names = events.map((e) => e.event);
      expect(names[0]).toBe('conversation');
      expect(names.at(-1)).toBe('done');
      expect(names.filter((n) => n === 'delta').length).toBeGreaterThan(0);
      expect(names).toContain('sources');

      const messageId = events[0]!.data.assistantMessageId;
      const streamed = events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('');
      const done = events.at(-1)!.data.message;
      expect(done).toMatchObject({ id: messageId, content: streamed, status: 'complete' });
      for (const e of events.slice(1)) expect(e.data.messageId ?? e.data.message.id).toBe(messageId);

      const stored = await alice.get(`/conversations/${events[0]!.data.conversation.id}`).expect(200);
      expect(stored.body.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
      expect(stored.body.messages[1]).toEqual(done);
    });

    it('continues a conversation, by conversationId or by POST /conversations/:id/messages', async () => {
      const first = (await run(alice, { message: 'First question' }).expect(200)).body;
      const id = first.conversation.id;
      await run(alice, { message: 'Second question', conversationId: id }).expect(200);
      const third = await alice.post(`/conversations/${id}/messages`, { message: 'Third question' }).expect(200);
      expect(third.body.conversation).toMatchObject({ id, messageCount: 6, title: 'First question' });
      const stored = await alice.get(`/conversations/${id}`).expect(200);
      expect(stored.body.messages.filter((m: { role: string }) => m.role === 'user').map((m: { content: string }) => m.content)).toEqual([
        'First question',
        'Second question',
        'Third question',
      ]);
    });

    it('stores a retried message once, whatever the retry path', async () => {
      const clientMessageId = randomUUID();
      const first = (await run(alice, { message: 'Only once please', clientMessageId }).expect(200)).body;
      // A retry without the conversation id (the first response was lost) and one with it.
      const again = (await run(alice, { message: 'Only once please', clientMessageId }).expect(200)).body;
      const streamed = await alice.stream('/agents/run', { message: 'Only once please', clientMessageId, conversationId: first.conversation.id });
      expect(again.conversation.id).toBe(first.conversation.id);
      expect(again.userMessage.id).toBe(first.userMessage.id);
      expect(again.assistantMessage).toEqual(first.assistantMessage);
      expect(streamed.events.at(-1)!.data.message).toEqual(first.assistantMessage);
      expect(await count(server.database.url, 'SELECT count(*) AS n FROM messages WHERE conversation_id = $1', [first.conversation.id])).toBe(2);
      // Racing duplicates (double click) also store one message.
      const racingId = randomUUID();
      const racing = await Promise.all([1, 2, 3].map(() => run(alice, { message: 'Double click', clientMessageId: racingId })));
      const okOnes = racing.filter((r) => r.status === 200);
      expect(okOnes.length).toBeGreaterThan(0);
      for (const r of racing) expect([200, 409]).toContain(r.status);
      expect(await count(server.database.url, `SELECT count(*) AS n FROM messages WHERE client_message_id = $1`, [racingId])).toBe(1);
    });

    it.each([
      ['no message', {}],
      ['an empty message', { message: '' }],
      ['a blank message', { message: ' \n\t ' }],
      ['a non-string message', { message: 42 }],
      ['a malformed conversationId', { message: 'hi', conversationId: 'not-a-uuid' }],
      ['a malformed clientMessageId', { message: 'hi', clientMessageId: '123' }],
      ['an unknown field', { message: 'hi', role: 'system' }],
    ])('rejects %s with 400 and stores nothing', async (_label, body) => {
      const before = await count(server.database.url, 'SELECT count(*) AS n FROM messages');
      const response = await run(alice, body).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(String) });
      expect(await count(server.database.url, 'SELECT count(*) AS n FROM messages')).toBe(before);
    });

    it('rejects a message over MESSAGE_MAX_LENGTH (400) and a body over the size limit (413)', async () => {
      const long = await run(alice, { message: 'x'.repeat(501) }).expect(400);
      expect(long.body.message).toMatch(/at most 500 characters/);
      await run(alice, { message: '😀'.repeat(500) }).expect(200); // characters, not UTF-16 units
      const huge = await run(alice, { message: 'x'.repeat(300 * 1024) }).expect(413);
      expect(huge.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    });

    it('rejects malformed JSON and other content types with JSON errors', async () => {
      const bad = await request(server.url).post('/agents/run').set('Authorization', `Bearer ${alice.jwt}`).set('Content-Type', 'application/json').send('{"message":');
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
      const xml = await request(server.url).post('/agents/run').set('Authorization', `Bearer ${alice.jwt}`).set('Content-Type', 'application/xml').send('<m/>');
      expect(xml.status).toBe(415);
      expect(xml.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    });

    it('stores every awkward string exactly, or refuses it with a clear 400', async () => {
      for (const message of awkwardStrings()) {
        const response = await run(alice, { message });
        const refusable = !/\S/.test(message) || message.includes('\u0000') || [...message].length > 500;
        if (refusable) {
          expect({ message, status: response.status, code: response.body.code }).toEqual({ message, status: 400, code: 'VALIDATION_FAILED' });
        } else {
          expect({ message, status: response.status }).toEqual({ message, status: 200 });
          expect(response.body.userMessage.content).toBe(message);
          const title = await alice.patch(`/conversations/${response.body.conversation.id}`, { title: message.slice(0, 200) });
          if (message.trim()) expect(title.body.title).toBe(message.slice(0, 200).trim());
        }
      }
    });

    it('refuses text PostgreSQL cannot store exactly (NUL, lone surrogates) anywhere in a body, auth included', async () => {
      const nul = await run(alice, { message: 'before\u0000after' }).expect(400);
      expect(nul.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'body.message contains a NUL character' });
      const surrogate = await run(alice, { message: 'half \ud800 an emoji' }).expect(400);
      expect(surrogate.body.message).toMatch(/unpaired surrogate/);
      const signUp = await request(server.url)
        .post('/api/auth/sign-up/email')
        .set('Origin', 'http://host.test')
        .send({ email: 'nul@example.com', password: 'long enough password', name: 'Nul\u0000Name' })
        .expect(400);
      expect(signUp.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('ownership', () => {
    let alicesConversation: string;
    beforeAll(async () => {
      alicesConversation = (await run(alice, { message: 'Alice private notes about zeppelins' }).expect(200)).body.conversation.id;
    });

    it.each([
      ['read', (c: SignedInClient, id: string) => c.get(`/conversations/${id}`)],
      ['rename', (c: SignedInClient, id: string) => c.patch(`/conversations/${id}`, { title: 'mine now' })],
      ['delete', (c: SignedInClient, id: string) => c.delete(`/conversations/${id}`)],
      ['post to', (c: SignedInClient, id: string) => c.post(`/conversations/${id}/messages`, { message: 'hi' })],
      ['continue', (c: SignedInClient, id: string) => c.post('/agents/run', { message: 'hi', conversationId: id })],
      ['export', (c: SignedInClient, id: string) => c.get(`/conversations/${id}/export`)],
    ])("answers 404 when another user tries to %s a conversation, exactly as for one that doesn't exist", async (_verb, act) => {
      const other = await act(bob, alicesConversation).expect(404);
      const missing = await act(bob, randomUUID()).expect(404);
      expect(other.body).toEqual({ statusCode: 404, code: 'CONVERSATION_NOT_FOUND', message: 'Conversation not found' });
      expect(missing.body).toEqual(other.body);
    });

    it("leaves the owner's conversation untouched and out of other users' lists and searches", async () => {
      const stored = await alice.get(`/conversations/${alicesConversation}`).expect(200);
      expect(stored.body.messages).toHaveLength(2);
      expect(stored.body.conversation.title).toBe('Alice private notes about zeppelins');
      const bobsList = await bob.get('/conversations').expect(200);
      expect(bobsList.body.items.map((c: { id: string }) => c.id)).not.toContain(alicesConversation);
      expect((await bob.get('/conversations?q=zeppelins').expect(200)).body.items).toEqual([]);
      expect((await alice.get('/conversations?q=zeppelins').expect(200)).body.items.map((c: { id: string }) => c.id)).toEqual([alicesConversation]);
    });
  });

  describe('listing and paging', () => {
    let carol: SignedInClient;
    beforeAll(async () => {
      carol = await signedInClient(server.url);
      for (let i = 1; i <= 25; i++) await run(carol, { message: `Conversation number ${i}` }).expect(200);
    });

    async function allPages(client: SignedInClient, path: string, limit: number, between?: (page: number) => Promise<void>) {
      const ids: string[] = [];
      let cursor: string | null = null;
      let page = 0;
      do {
        const response: request.Response = await client.get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).expect(200);
        const items = response.body.items ?? response.body.messages;
        ids.push(...items.map((i: { id: string }) => i.id));
        cursor = response.body.nextCursor;
        await between?.(++page);
      } while (cursor);
      return ids;
    }

    it('pages through every conversation once, newest activity first', async () => {
      const ids = await allPages(carol, '/conversations', 10);
      expect(ids).toHaveLength(25);
      expect(new Set(ids).size).toBe(25);
      const full = (await carol.get('/conversations?limit=100').expect(200)).body.items;
      expect(full.map((c: { id: string }) => c.id)).toEqual(ids);
      expect(full[0].title).toBe('Conversation number 25');
      const times = full.map((c: { lastMessageAt: string }) => Date.parse(c.lastMessageAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('neither skips nor repeats conversations when new ones start between pages', async () => {
      const before = (await carol.get('/conversations?limit=100').expect(200)).body.items.map((c: { id: string }) => c.id);
      const ids = await allPages(carol, '/conversations', 7, async (page) => {
        if (page <= 2) await run(carol, { message: `Arrived after page ${page}` }).expect(200);
      });
      // The new ones sort before the cursor, so the walk sees exactly the conversations it started with.
      expect(ids).toEqual(before);
    });

    it('pages through messages from the newest, and new messages do not disturb older pages', async () => {
      const id = (await run(carol, { message: 'Long chat 1' }).expect(200)).body.conversation.id;
      for (let i = 2; i <= 6; i++) await carol.post(`/conversations/${id}/messages`, { message: `Long chat ${i}` }).expect(200);
      const expected = (await carol.get(`/conversations/${id}?limit=200`).expect(200)).body.messages.map((m: { id: string }) => m.id);
      expect(expected).toHaveLength(12);

      const first = await carol.get(`/conversations/${id}?limit=5`).expect(200);
      expect(first.body.messages.map((m: { id: string }) => m.id)).toEqual(expected.slice(7));
      await carol.post(`/conversations/${id}/messages`, { message: 'Arrived while paging' }).expect(200);
      const pages = [first.body.messages.map((m: { id: string }) => m.id)];
      let cursor = first.body.nextCursor;
      while (cursor) {
        const page = await carol.get(`/conversations/${id}?limit=5&cursor=${encodeURIComponent(cursor)}`).expect(200);
        pages.unshift(page.body.messages.map((m: { id: string }) => m.id));
        cursor = page.body.nextCursor;
      }
      expect(pages.flat()).toEqual(expected);
    });

    it.each([
      ['limit=0', 'VALIDATION_FAILED'],
      ['limit=101', 'VALIDATION_FAILED'],
      ['limit=abc', 'VALIDATION_FAILED'],
      ['cursor=not-a-cursor', 'INVALID_CURSOR'],
      [`cursor=${Buffer.from('["2026-01-01T00:00:00.000000Z","x"]').toString('base64url')}`, 'INVALID_CURSOR'],
      [`cursor=${Buffer.from('{"a":1}').toString('base64url')}`, 'INVALID_CURSOR'],
      ['unknown=1', 'VALIDATION_FAILED'],
    ])('rejects %s with 400 %s', async (query, code) => {
      const response = await carol.get(`/conversations?${query}`).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code });
    });

    it('rejects a malformed conversation id or message cursor with 400', async () => {
      expect((await carol.get('/conversations/123').expect(400)).body.code).toBe('VALIDATION_FAILED');
      const id = (await carol.get('/conversations?limit=1').expect(200)).body.items[0].id;
      expect((await carol.get(`/conversations/${id}?cursor=%00%01`).expect(400)).body.code).toBe('INVALID_CURSOR');
    });
  });

  describe('search', () => {
    let dave: SignedInClient;
    let aboutQuokkas: string;
    beforeAll(async () => {
      dave = await signedInClient(server.url);
      const first = (await run(dave, { message: 'Planning a trip' }).expect(200)).body.conversation.id;
      await dave.post(`/conversations/${first}/messages`, { message: 'Where can I see quokkas in the wild?' }).expect(200);
      aboutQuokkas = first;
      await run(dave, { message: 'Café crème and naïve questions about 日本語' }).expect(200);
      await run(dave, { message: "Robert'); DROP TABLE messages;-- % _ \\ & | ! :*" }).expect(200);
    });

    it('finds a conversation by a word from its messages, with the match highlighted', async () => {
      const { items } = (await dave.get('/conversations?q=quokkas').expect(200)).body;
      expect(items.map((c: { id: string }) => c.id)).toEqual([aboutQuokkas]);
      const { text, highlights } = items[0].snippet;
      expect(highlights.length).toBeGreaterThan(0);
      for (const h of highlights) expect(text.slice(h.start, h.end).toLowerCase()).toMatch(/^quokka/);
      expect(text).not.toMatch(/[\u0002\u0003]/);
    });

    it('matches stems and prefixes as the user types', async () => {
      expect((await dave.get('/conversations?q=quokka').expect(200)).body.items).toHaveLength(1);
      expect((await dave.get('/conversations?q=quok').expect(200)).body.items).toHaveLength(1);
      expect((await dave.get('/conversations?q=planning%20trip').expect(200)).body.items.map((c: { id: string }) => c.id)).toEqual([aboutQuokkas]);
    });

    it('treats SQL and tsquery metacharacters as plain text', async () => {
      for (const q of ["'; DROP TABLE messages;--", '%', '_', '\\', '& | ! :*', '((', "Robert'); DROP"]) {
        const response = await dave.get(`/conversations?q=${encodeURIComponent(q)}`);
        expect(response.status).toBe(200);
      }
      expect((await dave.get(`/conversations?q=${encodeURIComponent("Robert'); DROP")}`).expect(200)).body.items).toHaveLength(1);
      expect(await count(server.database.url, 'SELECT count(*) AS n FROM messages')).toBeGreaterThan(0);
    });

    it('finds Unicode words', async () => {
      for (const q of ['café', 'naïve', '日本語']) {
        expect((await dave.get(`/conversations?q=${encodeURIComponent(q)}`).expect(200)).body.items).toHaveLength(1);
      }
    });

    it('survives every awkward string as a query', async () => {
      for (const q of [...corpus('bad-strings.txt'), ...awkwardStrings()]) {
        const response = await dave.get(`/conversations?q=${encodeURIComponent(q.slice(0, 200))}`);
        expect([200, 400]).toContain(response.status);
      }
    });

    it('pages search results with a cursor', async () => {
      for (const n of ['one', 'two', 'three']) await run(dave, { message: `Lighthouse ${n}` }).expect(200);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Array<{ id: string; title: string }>; nextCursor: string | null } = (
          await dave.get(`/conversations?q=lighthouse&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).expect(200)
        ).body;
        seen.push(...page.items.map((i) => i.title));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['Lighthouse three', 'Lighthouse two', 'Lighthouse one']);
    });
  });

  describe('rename, delete, export', () => {
    it('renames a conversation, trimming the title', async () => {
      const id = (await run(alice, { message: 'To be renamed' }).expect(200)).body.conversation.id;
      const renamed = await alice.patch(`/conversations/${id}`, { title: '  A better title  ' }).expect(200);
      expect(renamed.body).toMatchObject({ id, title: 'A better title' });
      expect((await alice.get(`/conversations/${id}`).expect(200)).body.conversation.title).toBe('A better title');
      for (const title of ['', '   ', 'x'.repeat(201), 42]) {
        expect((await alice.patch(`/conversations/${id}`, { title }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('deletes a conversation with its messages', async () => {
      const id = (await run(alice, { message: 'To be deleted' }).expect(200)).body.conversation.id;
      await alice.delete(`/conversations/${id}`).expect(204);
      await alice.get(`/conversations/${id}`).expect(404);
      await alice.delete(`/conversations/${id}`).expect(404);
      expect(await count(server.database.url, 'SELECT count(*) AS n FROM messages WHERE conversation_id = $1', [id])).toBe(0);
    });

    it('exports Markdown and JSON downloads', async () => {
      const { conversation, assistantMessage } = (await run(alice, { message: 'Export me: **bold** [x](javascript:alert(1))' }).expect(200)).body;
      const markdown = await alice.get(`/conversations/${conversation.id}/export?format=markdown`).expect(200);
      expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
      expect(markdown.headers['content-disposition']).toMatch(/^attachment; filename="Export-me-bold-xjavascriptalert1\.md"$/);
      expect(markdown.text).toContain('# Export me: **bold** [x](javascript:alert(1))');
      expect(markdown.text).toContain(assistantMessage.content.trim().split('\n')[0]);
      const json = await alice.get(`/conversations/${conversation.id}/export?format=json`).expect(200);
      expect(JSON.parse(json.text)).toMatchObject({ conversation: { id: conversation.id }, messages: [{ role: 'user' }, { role: 'assistant' }] });
      expect((await alice.get(`/conversations/${conversation.id}/export?format=pdf`).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });
  });
});

describe('agent-run rate limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ AGENT_RATE_LIMIT: '2', AGENT_RATE_LIMIT_WINDOW_SECONDS: '60' });
  });
  afterAll(() => server.close());

  it('answers 429 with Retry-After past the per-user budget, storing nothing, and leaves other users alone', async () => {
    const [erin, frank] = await Promise.all([signedInClient(server.url), signedInClient(server.url)]);
    await erin.post('/agents/run', { message: 'one' }).expect(200);
    await erin.post('/agents/run', { message: 'two' }).expect(200);
    const limited = await erin.post('/agents/run', { message: 'three' }).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(await count(server.database.url, `SELECT count(*) AS n FROM messages WHERE content = 'three'`)).toBe(0);
    await frank.post('/agents/run', { message: 'mine' }).expect(200);
  });
});
