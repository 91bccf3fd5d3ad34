import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signedInClient, type SignedInClient } from '../../test/api-client.js';
import { type FakeAgent, startFakeAgent } from '../../test/fakes/agent-server.js';
import { pacedAgent, pacedAnswer } from '../../test/fakes/paced-agent.js';
import { followRunStream, startRunStream } from '../../test/sse-frames.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

describe('the cap on events kept per run (RUN_EVENTS_MAX)', () => {
  let agent: FakeAgent;
  let server: TestServer;
  let client: SignedInClient;

  beforeAll(async () => {
    agent = await startFakeAgent();
    server = await startTestServer({ AGENT_PROVIDER: 'http', AGENT_HTTP_URL: agent.endpoint(pacedAgent).url, RUN_EVENTS_MAX: '10' });
    client = await signedInClient(server.url);
  });
  afterAll(async () => {
    await server.close();
    await agent.close();
  });

  it('keeps at most RUN_EVENTS_MAX events; past it the stream waits for the final `done`, which carries the whole answer', async () => {
    const frames = await (await startRunStream(server.url, client.jwt, '[paced 40 1] a long one')).rest();
    expect(frames).toHaveLength(10);
    expect(frames.map((f) => f.id)).toEqual(frames.map((_, i) => i + 1));
    expect(frames.at(-1)).toMatchObject({ event: 'done', data: { message: { status: 'complete', content: pacedAnswer(40) } } });
    expect(await (await followRunStream(server.url, client.jwt, frames[0]!.data.runId)).rest()).toEqual(frames);
  });
});
