import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signedInClient, type SignedInClient } from '../../test/api-client.js';
import { startFakeOpenAi, type FakeOpenAi } from '../../test/fakes/openai-server.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

describe('feedback on answers (PUT and DELETE /messages/:id/feedback)', () => {
  let openAi: FakeOpenAi;
  let server: TestServer;
  let alice: SignedInClient;
  let bob: SignedInClient;

  beforeAll(async () => {
    openAi = await startFakeOpenAi();
    server = await startTestServer({ AGENT_PROVIDER: 'openai', OPENAI_BASE_URL: openAi.baseUrl, OPENAI_MODEL: 'fake-model', AGENT_TIMEOUT_MS: '20000' });
    [alice, bob] = await Promise.all([signedInClient(server.url), signedInClient(server.url)]);
  });
  afterAll(async () => {
    await server.close();
    await openAi.close();
  });

  /** A finished answer of `client`'s, and its conversation. */
  async function answer(client: SignedInClient) {
    const body = (await client.post('/agents/run', { message: 'How do I embed the widget?' }).expect(200)).body;
    return { conversationId: body.conversation.id as string, userMessageId: body.userMessage.id as string, answerId: body.assistantMessage.id as string };
  }
  const feedbackShown = async (client: SignedInClient, conversationId: string, messageId: string) =>
    (await client.get(`/conversations/${conversationId}`).expect(200)).body.messages.find((m: { id: string }) => m.id === messageId).feedback;

  it('stores a rating, replaces it when sent again, and shows it with the conversation', async () => {
    const { conversationId, answerId, userMessageId } = await answer(alice);
    expect(await feedbackShown(alice, conversationId, answerId)).toBeNull();
    const up = (await alice.put(`/messages/${answerId}/feedback`, { rating: 'up' }).expect(200)).body;
    expect(up).toEqual({ rating: 'up', reason: null, comment: null, updatedAt: expect.any(String) });
    const down = (await alice.put(`/messages/${answerId}/feedback`, { rating: 'down', reason: 'incomplete', comment: '  It skips the CSP part.  ' }).expect(200)).body;
    expect(down).toEqual({ rating: 'down', reason: 'incomplete', comment: 'It skips the CSP part.', updatedAt: expect.any(String) });
    expect(await feedbackShown(alice, conversationId, answerId)).toEqual(down);
    expect(await feedbackShown(alice, conversationId, userMessageId)).toBeNull();
    // Replaced, not added: a thumbs up again clears the reason and comment.
    await alice.put(`/messages/${answerId}/feedback`, { rating: 'up', comment: '' }).expect(200);
    expect(await feedbackShown(alice, conversationId, answerId)).toMatchObject({ rating: 'up', reason: null, comment: null });
    const exported = (await alice.get(`/conversations/${conversationId}/export?format=json`).expect(200)).body;
    expect(exported.messages.at(-1).feedback).toMatchObject({ rating: 'up' });
  });

  it('removes feedback, and removing it again is no error', async () => {
    const { conversationId, answerId } = await answer(alice);
    await alice.put(`/messages/${answerId}/feedback`, { rating: 'down', reason: 'other' }).expect(200);
    await alice.delete(`/messages/${answerId}/feedback`).expect(204);
    expect(await feedbackShown(alice, conversationId, answerId)).toBeNull();
    await alice.delete(`/messages/${answerId}/feedback`).expect(204);
  });

  it('answers 404 for another user’s message or one that does not exist, changing nothing', async () => {
    const { conversationId, answerId } = await answer(alice);
    await alice.put(`/messages/${answerId}/feedback`, { rating: 'up' }).expect(200);
    for (const id of [answerId, randomUUID()]) {
      const put = await bob.put(`/messages/${id}/feedback`, { rating: 'down', reason: 'incorrect' }).expect(404);
      expect(put.body).toEqual({ statusCode: 404, code: 'MESSAGE_NOT_FOUND', message: 'Message not found' });
      expect((await bob.delete(`/messages/${id}/feedback`).expect(404)).body.code).toBe('MESSAGE_NOT_FOUND');
    }
    expect(await feedbackShown(alice, conversationId, answerId)).toMatchObject({ rating: 'up' });
  });

  it('refuses to rate a user message or an answer still being written', async () => {
    const { userMessageId } = await answer(alice);
    const own = await alice.put(`/messages/${userMessageId}/feedback`, { rating: 'up' }).expect(409);
    expect(own.body).toMatchObject({ statusCode: 409, code: 'MESSAGE_NOT_RATEABLE' });

    const abort = new AbortController();
    const response = await fetch(`${server.url}/agents/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.jwt}`, accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Tell me slowly [stall]' }),
      signal: abort.signal,
    });
    const reader = response.body!.getReader();
    let text = '';
    while (!/"assistantMessageId":"([^"]+)"/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    const streamingId = /"assistantMessageId":"([^"]+)"/.exec(text)![1]!;
    const streaming = await alice.put(`/messages/${streamingId}/feedback`, { rating: 'down' }).expect(409);
    expect(streaming.body).toMatchObject({ code: 'MESSAGE_NOT_RATEABLE', message: expect.stringContaining('still being written') });
    abort.abort();
  });

  it('validates the body: rating, reason from the fixed set and only for a thumbs down, comment up to 1000 characters', async () => {
    const { answerId } = await answer(alice);
    const bad = [
      {},
      { rating: 'sideways' },
      { rating: 'down', reason: 'rude' },
      { rating: 'up', reason: 'incorrect' },
      { rating: 'down', comment: 'x'.repeat(1001) },
      { rating: 'down', comment: 42 },
      { rating: 'down', extra: true },
    ];
    for (const body of bad) {
      const response = await alice.put(`/messages/${answerId}/feedback`, body);
      expect({ body, status: response.status, code: response.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    await alice.put('/messages/not-a-uuid/feedback', { rating: 'up' }).expect(400);
    const longest = (await alice.put(`/messages/${answerId}/feedback`, { rating: 'down', comment: 'é'.repeat(1000) }).expect(200)).body;
    expect(longest.comment).toHaveLength(1000);
  });

  it('needs a valid token', async () => {
    const { answerId } = await answer(alice);
    await request(server.url).put(`/messages/${answerId}/feedback`).send({ rating: 'up' }).expect(401);
    await request(server.url).delete(`/messages/${answerId}/feedback`).set('Authorization', 'Bearer forged.token.here').expect(401);
  });
});
