import type { Passage } from '../../knowledge/knowledge-search.js';
import { AgentError, type AgentEvent, type AgentProvider, type AgentRunInput } from '../agent-provider.js';
import { passageSources } from '../passage-sources.js';
import { parseAgentJson, postToAgent } from '../remote/fetch-agent.js';
import { serverSentEvents } from '../remote/server-sent-events.js';
import { chatMessages } from './prompt.js';

export interface OpenAiAgentOptions {
  /** Base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1 or http://localhost:11434/v1. */
  baseUrl: string;
  model: string;
  /** Sent as a bearer token when set; local servers (Ollama, vLLM) usually need none. */
  apiKey?: string;
  /** Retrieval for RAG: the passages handed to the model, and cited as the answer's sources. */
  knowledge: { search(question: string, limit: number): Promise<Passage[]> };
  maxPassages?: number;
}

interface CompletionChunk {
  choices?: Array<{ delta?: { content?: unknown }; finish_reason?: unknown }>;
  error?: { message?: unknown };
}

/**
 * Any OpenAI-compatible Chat Completions endpoint, streamed: the model gets the recent history and
 * the best passages of the knowledge base, and its answer cites those passages.
 */
export function openaiAgent(options: OpenAiAgentOptions) {
  const maxPassages = options.maxPassages ?? 4;
  return {
    id: 'openai',
    async *run(input: AgentRunInput): AsyncGenerator<AgentEvent> {
      const passages = await options.knowledge.search(input.message, maxPassages);
      const response = await postToAgent(
        `${options.baseUrl}/chat/completions`,
        { model: options.model, stream: true, messages: chatMessages(input, passages) },
        {
          headers: { accept: 'text/event-stream', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
          signal: input.signal,
        },
      );
      // The passages are numbered in the prompt as they are here, so the model's [n] is source n.
      yield { type: 'sources', sources: passageSources(passages) };
      if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) yield* streamedCompletion(response, input.signal);
      else yield* wholeCompletion(await response.text()); // servers that ignore `stream: true`
    },
  } satisfies AgentProvider;
}

async function* streamedCompletion(response: Response, signal: AbortSignal): AsyncGenerator<AgentEvent> {
  let finished = false;
  for await (const event of serverSentEvents(response, signal)) {
    if (event.data === '[DONE]') return;
    const chunk = parseAgentJson(event.data, 'a completion chunk') as CompletionChunk;
    if (chunk?.error) throw new AgentError('AGENT_FAILED', `The model reported an error: ${String(chunk.error.message ?? 'no detail').slice(0, 200)}.`);
    const choice = chunk?.choices?.[0];
    if (typeof choice?.delta?.content === 'string' && choice.delta.content) yield { type: 'delta', text: choice.delta.content };
    if (choice?.finish_reason) finished = true;
  }
  // Some servers omit [DONE]; a finish_reason is as good. Neither means the answer was cut off.
  if (!finished) throw new AgentError('AGENT_BAD_RESPONSE', 'The model’s stream ended before the answer was finished.');
}

function* wholeCompletion(text: string): Generator<AgentEvent> {
  const body = parseAgentJson(text, 'a completion') as { choices?: Array<{ message?: { content?: unknown } }> } | null;
  const content = body?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new AgentError('AGENT_BAD_RESPONSE', 'The model’s completion has no message content.');
  yield { type: 'delta', text: content };
}
