import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { signedInClient, type SignedInClient } from '../../test/api-client.js';
import { storedMessages } from '../../test/agent-run-assertions.js';
import { type FakeAgent, startFakeAgent } from '../../test/fakes/agent-server.js';
import { pacedAgent, pacedAnswer } from '../../test/fakes/paced-agent.js';
import { deltaText, followRunStream, type SseFrame, SseFrameReader, startRunStream } from '../../test/sse-frames.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { RunHub } from './run-hub.js';
import { RunUpkeep } from './run-upkeep.js';

describe('runs: a run is a resource (replay, resume, stop)', () => {
  let agent: FakeAgent;
  let server: TestServer;
  let client: SignedInClient;
  let stranger: SignedInClient;

  const startRun = (message: string) => startRunStream(server.url, client.jwt, message);
  const followRun = (runId: string, headers: Record<string, string> = {}, query = '') => followRunStream(server.url, client.jwt, runId, headers, query);

  beforeAll(async () => {
    agent = await startFakeAgent();
    server = await startTestServer({ AGENT_PROVIDER: 'http', AGENT_HTTP_URL: agent.endpoint(pacedAgent).url, AGENT_RATE_LIMIT: '1000' });
    [client, stranger] = await Promise.all([signedInClient(server.url), signedInClient(server.url)]);
  });
  afterAll(async () => {
    await server.close();
    await agent.close();
  });

  it('numbers every frame and names the run in the first; the run, its answer and its replay agree', async () => {
    const frames = await (await startRun('Hello')).rest();
    expect(frames.map((f) => f.id)).toEqual(frames.map((_, i) => i + 1));
    // The space after the last word waits until the answer ends (a citation marker could have
    // followed it), and the sources come last again, marked cited or not.
    expect(frames.map((f) => f.event)).toEqual(['conversation', 'delta', 'delta', 'delta', 'sources', 'delta', 'sources', 'done']);
    const { runId, assistantMessageId, conversation } = frames[0]!.data;
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);

    const run = (await client.get(`/runs/${runId}`).expect(200)).body;
    expect(run).toEqual({ id: runId, conversationId: conversation.id, messageId: assistantMessageId, status: 'complete', lastEventId: frames.length });
    const messages = (await client.get(`/conversations/${conversation.id}`).expect(200)).body.messages;
    expect(messages.map((m: { runId: string | null }) => m.runId)).toEqual([null, runId]);
    expect(messages[1]).toMatchObject({ content: 'w0 w1 w2 ', status: 'complete' });

    // A finished run replays, byte for byte the same frames, and the stream ends.
    expect(await (await followRun(runId)).rest()).toEqual(frames);
    // From a Last-Event-ID (header, or query for clients that cannot set one): only what came after.
    expect(await (await followRun(runId, { 'last-event-id': '2' })).rest()).toEqual(frames.slice(2));
    expect(await (await followRun(runId, {}, '?lastEventId=4')).rest()).toEqual(frames.slice(4));
    // At the end of a finished run: 204, which tells an EventSource to stop reconnecting.
    await client.get(`/runs/${runId}/events`).set('Last-Event-ID', String(frames.length)).expect(204);
  });

  it('goes on without its client; a reattached client gets the rest, once, live', async () => {
    const first = await startRun('[paced 12 40] tell me');
    const seen: SseFrame[] = [];
    while (seen.filter((f) => f.event === 'delta').length < 3) seen.push((await first.next())!);
    await first.close();
    const { runId, conversation } = seen[0]!.data;
    expect((await client.get(`/runs/${runId}`).expect(200)).body.status).toBe('running');
    // Nobody listens: the run holds nothing for listeners on this instance.
    const hub = server.app.get(RunHub);
    for (let i = 0; i < 20 && hub.followedRuns.includes(runId); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hub.followedRuns).not.toContain(runId);

    const resumed = await followRun(runId, { 'last-event-id': String(seen.at(-1)!.id) });
    const rest = await resumed.rest();
    const all = [...seen, ...rest];
    expect(all.map((f) => f.id)).toEqual(all.map((_, i) => i + 1));
    expect(rest.at(-1)!.event).toBe('done');
    const stored = await storedMessages(server.database.url, conversation.id);
    expect(deltaText(all)).toBe(stored[1]!.content);
    expect(stored[1]!.content).toBe(pacedAnswer(12));
  });

  it('stops a run from another connection: every listener gets a final `done` with the partial answer, stored as stopped', async () => {
    const owner = await startRun('[paced 200 30] a long one');
    const head = [(await owner.next())!, (await owner.next())!];
    const { runId, conversation, assistantMessageId } = head[0]!.data;
    const other = await followRun(runId);
    const otherHead = await other.next();
    expect(otherHead).toEqual(head[0]);

    const stopped = (await client.post(`/runs/${runId}/stop`, {}).expect(200)).body;
    expect(stopped).toMatchObject({ id: runId, messageId: assistantMessageId, status: 'stopped' });

    const ownerFrames = [...head, ...(await owner.rest())];
    const otherFrames = [otherHead!, ...(await other.rest())];
    for (const frames of [ownerFrames, otherFrames]) {
      expect(frames.at(-1)).toMatchObject({ event: 'done', id: stopped.lastEventId, data: { message: { id: assistantMessageId, status: 'stopped', runId } } });
    }
    const stored = await storedMessages(server.database.url, conversation.id);
    expect(stored[1]).toMatchObject({ status: 'stopped' });
    expect(stored[1]!.content).toBe(deltaText(ownerFrames));
    expect(stored[1]!.content.split(' ').length).toBeLessThan(100);
    expect(ownerFrames.at(-1)!.data.message.content).toBe(stored[1]!.content);

    // Every listener has had its final event: none is left.
    expect(server.app.get(RunHub).listenerCount).toBe(0);
    // Stopping it again changes nothing.
    expect((await client.post(`/runs/${runId}/stop`, {}).expect(200)).body).toEqual(stopped);
  });

  it('continues a stopped answer: a new run of the same answer, whose deltas complete the text so far', async () => {
    const first = await startRun('[paced 30 20] continue me');
    const head = [(await first.next())!, (await first.next())!, (await first.next())!];
    const { runId, assistantMessageId, conversation } = head[0]!.data;
    await client.post(`/runs/${runId}/stop`, {}).expect(200);
    const partial = deltaText([...head, ...(await first.rest())]);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial).not.toBe(pacedAnswer(30));

    const continued = await SseFrameReader.open(`${server.url}/runs/${runId}/continue`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.jwt}`, accept: 'text/event-stream' },
    });
    const frames = await continued.rest();
    expect(frames[0]).toMatchObject({ id: 1, event: 'conversation', data: { assistantMessageId, conversation: { id: conversation.id } } });
    const newRunId = frames[0]!.data.runId as string;
    expect(newRunId).not.toBe(runId);
    expect(frames.at(-1)).toMatchObject({ event: 'done', data: { message: { id: assistantMessageId, status: 'complete', runId: newRunId } } });
    expect(partial + deltaText(frames)).toBe(pacedAnswer(30));
    expect(frames.at(-1)!.data.message.content).toBe(pacedAnswer(30));
    const stored = await storedMessages(server.database.url, conversation.id);
    expect(stored).toHaveLength(2);
    expect(stored[1]).toMatchObject({ status: 'complete', content: pacedAnswer(30) });

    // The old run is no longer the answer's; a finished one cannot be continued either.
    for (const id of [runId, newRunId]) {
      const refused = await client.post(`/runs/${id}/continue`, {}).expect(409);
      expect(refused.body.code).toBe('RUN_NOT_CONTINUABLE');
    }
    await stranger.post(`/runs/${newRunId}/continue`, {}).expect(404);
    await client.post(`/runs/${crypto.randomUUID()}/continue`, {}).expect(404);
  });

  it('compacts a finished run’s log after the retention window to its final event, which still holds the answer', async () => {
    const frames = await (await startRun('[paced 5 1] compact me')).rest();
    const runId = frames[0]!.data.runId as string;
    const db = new pg.Client({ connectionString: server.database.url });
    await db.connect();
    try {
      await db.query(`UPDATE runs SET finished_at = now() - interval '2 hours' WHERE id = $1`, [runId]);
      await server.app.get(RunUpkeep).compact();
      expect((await db.query('SELECT seq FROM run_events WHERE run_id = $1', [runId])).rows).toEqual([{ seq: frames.length }]);
    } finally {
      await db.end();
    }
    const replay = await (await followRun(runId)).rest();
    expect(replay).toEqual([frames.at(-1)]);
    expect(replay[0]!.data.message.content).toBe(pacedAnswer(5));
    expect(await (await followRun(runId, { 'last-event-id': '2' })).rest()).toEqual([frames.at(-1)]);
  });

  it('refuses bad ids and bad positions with JSON errors, and hides other users’ runs', async () => {
    const frames = await (await startRun('Short')).rest();
    const runId = frames[0]!.data.runId as string;
    await client.get('/runs/not-a-uuid').expect(400).expect((r) => expect(r.body.code).toBe('VALIDATION_FAILED'));
    for (const path of [`/runs/${crypto.randomUUID()}`, `/runs/${crypto.randomUUID()}/events`]) {
      await client.get(path).expect(404).expect((r) => expect(r.body.code).toBe('RUN_NOT_FOUND'));
    }
    await stranger.get(`/runs/${runId}`).expect(404);
    await stranger.get(`/runs/${runId}/events`).expect(404);
    await stranger.post(`/runs/${runId}/stop`, {}).expect(404);
    await client.post(`/runs/${crypto.randomUUID()}/stop`, {}).expect(404);
    for (const bad of ['abc', '-1', '1.5', '1e3', '99999999999']) {
      const r = await client.get(`/runs/${runId}/events`).set('Last-Event-ID', bad).expect(400);
      expect(r.body).toMatchObject({ statusCode: 400, code: 'INVALID_LAST_EVENT_ID' });
    }
    await client.get(`/runs/${runId}/events?lastEventId=x`).expect(400);
    const past = await client.get(`/runs/${runId}/events`).set('Last-Event-ID', String(frames.length + 1)).expect(400);
    expect(past.body.code).toBe('LAST_EVENT_ID_OUT_OF_RANGE');
    await request401(`/runs/${runId}`);
  });

  async function request401(path: string) {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(401);
  }
});
