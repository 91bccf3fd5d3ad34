import { AgentError, type AgentEvent, type AgentProvider, type AgentRunInput } from '../agent-provider.js';
import { parseAgentJson, postToAgent } from '../remote/fetch-agent.js';
import { serverSentEvents } from '../remote/server-sent-events.js';
import { parseSources } from '../sources.js';

export interface HttpAgentOptions {
  /** The site owner's agent endpoint (AGENT_HTTP_URL). */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set (AGENT_HTTP_TOKEN). */
  token?: string;
}

/**
 * Forwards each run to an agent the site owner already operates, by the contract in docs/agents.md:
 * POST `{ message, history, conversationId, userId, context?, partialAnswer? }`; the agent answers with server-sent events
 * (`delta` `{ text }`, `sources` `{ sources }`, `error` `{ message }`, `done`) or one JSON
 * `{ answer, sources }`.
 */
export function httpAgent(options: HttpAgentOptions) {
  return {
    id: 'http',
    async *run(input: AgentRunInput): AsyncGenerator<AgentEvent> {
      const response = await postToAgent(
        options.url,
        {
          message: input.message,
          history: input.history,
          conversationId: input.conversationId,
          userId: input.userId,
          ...(input.context ? { context: input.context } : {}),
          ...(input.partialAnswer ? { partialAnswer: input.partialAnswer } : {}),
        },
        {
          headers: { accept: 'text/event-stream, application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
          signal: input.signal,
        },
      );
      const type = response.headers.get('content-type') ?? '';
      if (type.startsWith('text/event-stream')) yield* streamedAnswer(response, input.signal);
      else if (/^application\/([\w.+-]+\+)?json/.test(type)) yield* jsonAnswer(await response.text());
      else throw new AgentError('AGENT_BAD_RESPONSE', `The agent answered with ${type || 'no content type'}, not an event stream or JSON.`);
    },
  } satisfies AgentProvider;
}

async function* streamedAnswer(response: Response, signal: AbortSignal): AsyncGenerator<AgentEvent> {
  // Sources may come before, between or after the deltas; each list is handed on as it comes (the
  // [n] markers of the text after it are checked against it) and the last one is the answer's.
  for await (const event of serverSentEvents(response, signal)) {
    if (event.event === 'done') return;
    if (event.event === 'delta') {
      const { text } = (parseAgentJson(event.data, 'a delta') ?? {}) as { text?: unknown };
      if (typeof text !== 'string') throw new AgentError('AGENT_BAD_RESPONSE', 'The agent sent a delta without text.');
      yield { type: 'delta', text };
    } else if (event.event === 'sources') {
      yield { type: 'sources', sources: parseSources(((parseAgentJson(event.data, 'sources') ?? {}) as { sources?: unknown }).sources) };
    } else if (event.event === 'error') {
      const { message } = (parseAgentJson(event.data, 'an error') ?? {}) as { message?: unknown };
      throw new AgentError('AGENT_FAILED', `The agent reported an error: ${typeof message === 'string' ? message.slice(0, 200) : 'no detail'}.`);
    }
    // Other event types are for newer contracts: skipped.
  }
  throw new AgentError('AGENT_BAD_RESPONSE', 'The agent’s stream ended without a done event.');
}

function* jsonAnswer(text: string): Generator<AgentEvent> {
  const body = parseAgentJson(text, 'an answer') as { answer?: unknown; sources?: unknown } | null;
  if (typeof body?.answer !== 'string') throw new AgentError('AGENT_BAD_RESPONSE', 'The agent’s JSON answer has no "answer" string.');
  yield { type: 'sources', sources: parseSources(body.sources ?? []) };
  yield { type: 'delta', text: body.answer };
}
