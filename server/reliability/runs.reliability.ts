import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signedInClient, type SignedInClient } from '../test/api-client.js';
import { storedMessages } from '../test/agent-run-assertions.js';
import { startServerProcess, type ServerProcess } from '../test/server-process.js';
import { deltaText, followRunStream, type SseFrame, SseFrameReader, startRunStream } from '../test/sse-frames.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { agentEnv, slowMessage } from './agent-under-test.js';
import { report } from './figures.js';

const LEASE_SECONDS = 2;

/** Reads up to `count` frames (fewer if the stream ends or breaks). */
async function take(stream: SseFrameReader, count: number): Promise<SseFrame[]> {
  const frames: SseFrame[] = [];
  try {
    while (frames.length < count) {
      const frame = await stream.next();
      if (!frame) break;
      frames.push(frame);
    }
  } catch {
    // The server went away mid-read: what arrived before counts.
  }
  return frames;
}

/** Polls until `check` holds (every 100 ms, up to `ms`). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('runs survive what happens to servers and connections', () => {
  let database: TestDatabase;
  let agent: Awaited<ReturnType<typeof agentEnv>>;
  let server: ServerProcess;
  let client: SignedInClient;
  const env = () => ({ ...agent.env, DATABASE_URL: database.url, MIGRATE_ON_START: 'false', AGENT_RATE_LIMIT: '1000', RUN_LEASE_SECONDS: String(LEASE_SECONDS) });

  beforeAll(async () => {
    database = await createTestDatabase();
    agent = await agentEnv();
    server = await startServerProcess(env());
    client = await signedInClient(server.url);
  }, 60_000);
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await agent?.stop();
    await database?.drop();
  });

  it('a server killed mid-answer and restarted: the run ends interrupted, no received text lost, and it can be continued', async () => {
    const stream = await startRunStream(server.url, client.jwt, slowMessage(80, 'killed'));
    const received = await take(stream, 8);
    const { runId, conversation } = received[0]!.data;
    await server.stop('SIGKILL');
    received.push(...(await take(stream, Infinity)));
    const restartedAt = Date.now();
    // The same issuer as before, so the client's JWT is still good.
    server = await startServerProcess({ ...env(), PUBLIC_URL: server.publicUrl });
    const run = await eventually(
      async () => (await request(server.url).get(`/runs/${runId}`).set('Authorization', `Bearer ${client.jwt}`)).body,
      (r) => r.status !== 'running',
      (LEASE_SECONDS + 10) * 1000,
    );
    const interruptedAfterMs = Date.now() - restartedAt;
    const [stored] = (await storedMessages(database.url, conversation.id)).slice(1);
    const replay = await (await followRunStream(server.url, client.jwt, runId)).rest();

    const continued = await SseFrameReader.open(`${server.url}/runs/${runId}/continue`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.jwt}`, accept: 'text/event-stream' },
    });
    const continuation = await continued.rest();
    const [final] = (await storedMessages(database.url, conversation.id)).slice(1);
    report('server killed mid-answer', {
      receivedChars: deltaText(received).length,
      storedChars: stored!.content.length,
      restartToInterruptedMs: interruptedAfterMs,
      continuedChars: deltaText(continuation).length,
    });

    expect(run.status).toBe('interrupted');
    expect(stored!.status).toBe('interrupted');
    expect(deltaText(received).length).toBeGreaterThan(0);
    expect(stored!.content.startsWith(deltaText(received))).toBe(true);
    expect(deltaText(replay)).toBe(stored!.content);
    expect(replay.at(-1)).toMatchObject({ event: 'error', data: { code: 'RUN_INTERRUPTED' } });
    expect(continuation.at(-1)).toMatchObject({ event: 'done', data: { message: { status: 'complete' } } });
    expect(final).toMatchObject({ status: 'complete', content: stored!.content + deltaText(continuation) });
  }, 90_000);

  it('a client cut off ten times during one answer reassembles it byte for byte', async () => {
    const cuts = 10;
    let stream = await startRunStream(server.url, client.jwt, slowMessage(150, 'cut'));
    const frames: SseFrame[] = [];
    const reattachMs: number[] = [];
    for (let cut = 0; cut < cuts; cut++) {
      // A few frames, a different number each time, then the connection drops.
      frames.push(...(await take(stream, 2 + ((cut * 7) % 5))));
      await stream.close();
      const started = performance.now();
      stream = await followRunStream(server.url, client.jwt, frames[0]!.data.runId, { 'last-event-id': String(frames.at(-1)!.id) });
      reattachMs.push(performance.now() - started);
    }
    frames.push(...(await stream.rest()));
    const [stored] = (await storedMessages(database.url, frames[0]!.data.conversation.id)).slice(1);
    report('client cut off ten times', { cuts, frames: frames.length, storedBytes: Buffer.byteLength(stored!.content), reattachMs: reattachMs.map(Math.round) });

    expect(frames.map((f) => f.id)).toEqual(frames.map((_, i) => i + 1));
    expect(frames.at(-1)).toMatchObject({ event: 'done', data: { message: { status: 'complete' } } });
    expect(Buffer.from(deltaText(frames)).equals(Buffer.from(stored!.content))).toBe(true);
    expect(frames.at(-1)!.data.message.content).toBe(stored!.content);
  }, 60_000);
});
