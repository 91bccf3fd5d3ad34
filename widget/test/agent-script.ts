/**
 * Everything the widget tests assume about the agent, in one place, so switching agents changes
 * one file. Today: a site owner's agent behind the `http` provider (server/test/fakes/agent-server.ts,
 * a real socket), scripted to echo the message, pace words 200 ms apart on `[slow]`, answer
 * HTTP 500 on `[fail]`, and cite one fixed source.
 */
import { startFakeAgent } from '../../server/test/fakes/agent-server.js';
import { openEventStream, pause, writeEvent } from '../../server/test/fakes/loopback-server.js';

/** Settings the test server needs for this agent. */
export interface AgentHandle {
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts the scripted agent; called once by the global setup. */
export async function startAgent(): Promise<AgentHandle> {
  const agent = await startFakeAgent();
  const route = agent.endpoint(async (request, response) => {
    const { message } = request.body as { message: string };
    if (message.includes('[fail]')) {
      response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'scripted failure' }));
      return;
    }
    openEventStream(response);
    for (const word of `You said: ${message}`.split(' ')) {
      if (message.includes('[slow]')) await pause(200);
      writeEvent(response, JSON.stringify({ text: `${word} ` }), 'delta');
    }
    writeEvent(response, JSON.stringify({ sources: [{ ...citedSource, snippet: 'snip', score: 1 }] }), 'sources');
    writeEvent(response, '{}', 'done');
    response.end();
  });
  return { env: { AGENT_PROVIDER: 'http', AGENT_HTTP_URL: route.url }, stop: () => agent.close() };
}

/** A message whose answer streams slowly enough to be stopped midway. */
export const slowMessage = (text: string) => `[slow] ${text} one two three four five six seven eight nine ten eleven twelve`;

/** A message whose run fails after the user message is stored. */
export const failingMessage = (text: string) => `[fail] ${text}`;

/** A text the answer to `message` contains once it is complete. */
export const answerContains = (message: string) => message;

/** The sources every answer cites. */
export const citedSource = { title: 'Doc', url: 'https://example.com/doc' };
