import type { ServerResponse } from 'node:http';
import { openEventStream, pause, type RecordedRequest, resetConnection, startLoopbackServer, writeEvent } from './loopback-server.js';

interface ChatRequest {
  model: string;
  stream?: boolean;
  messages: Array<{ role: string; content: string }>;
}

export interface FakeOpenAiOptions {
  /** Pause between streamed tokens of an ordinary answer (benchmarks); 0 by default. */
  tokenDelayMs?: number;
  /** Told when each token is written (benchmarks time its way to a client). */
  onToken?: (index: number) => void;
  /** Told when a client hangs up mid-answer (benchmarks time how soon a stop reaches the model). */
  onAbort?: () => void;
}

export interface FakeOpenAi {
  /** Base URL to give the openai provider (OPENAI_BASE_URL), ending in /v1. */
  baseUrl: string;
  /** Every request received, bodies parsed. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** The fake's ordinary answer: deterministic, and showing what the prompt held. */
export function fakeAnswer(request: ChatRequest): string {
  const question = request.messages.at(-1)?.content ?? '';
  const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
  const passages = system.match(/^\[\d+\]/gm)?.length ?? 0;
  return `Answer to "${question}" from ${passages} passages and ${request.messages.length - 2} earlier turns.`;
}

const LONG_ANSWER_BLOCK = `## Setting up the **widget**

The panel renders Markdown with \`code\`, *emphasis* and [links](https://example.com/docs) as each token arrives, so every paragraph of this block is real work for the renderer.

- First, add the script tag to the page.
- Then, set \`server\` to the API origin.
- Finally, list the page's origin in ALLOWED_ORIGINS.

`;

/**
 * The `[cite]` answer: markers valid, past the end, zero, nested, listed, and inside code, streamed
 * three characters at a time so deltas end mid-marker.
 */
export const CITED_ANSWER = [
  'Add the script tag [1]. Set the server [2][1]. Not [0], nor [99], but [[1]] and [1, 99].',
  '',
  '```html',
  '<p>[7] stays</p>',
  '```',
  '',
  'Inline `items[3]` stays, and \\[4] too [2].',
].join('\n');

/** Where a long answer ends, so a test can tell it arrived whole. */
export const LONG_ANSWER_END = 'End of the long answer.';

/**
 * A Markdown answer of exactly `tokens` whitespace-delimited tokens (as the fake streams them):
 * headings, lists, inline code and links, ending with LONG_ANSWER_END. For benchmarks of rendering.
 */
export function longAnswer(tokens: number): string {
  const block = LONG_ANSWER_BLOCK.match(/\S+\s*/g)!;
  const end = LONG_ANSWER_END.match(/\S+\s*/g)!;
  const body = Array.from({ length: Math.max(0, tokens - end.length) }, (_, i) => block[i % block.length]!);
  // The last token of the body may end a word without a space: the ending starts a paragraph of its own.
  return `${body.join('').trimEnd()}\n\n${LONG_ANSWER_END}`;
}

/**
 * An OpenAI-compatible Chat Completions server on a real socket: `POST /v1/chat/completions`,
 * streamed as `data: {choices:[{delta:{content}}]}` chunks ending in `data: [DONE]`, or one JSON
 * completion when `stream` is false. Markers in the last user message script failures:
 * `[cite]` answers CITED_ANSWER in three-character pieces, `[slow]` paces tokens 50 ms apart, `[pace=MS]` MS apart, `[long=N]` answers `longAnswer(N)`, `[fail]` answers HTTP 500, `[reset]` drops the connection
 * mid-stream, `[stall]` never finishes, `[malformed]` sends a chunk that is not JSON, `[whole]`
 * answers one JSON completion even to a streaming request (as some compatible servers do).
 */
export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const server = await startLoopbackServer(async (request, response) => {
    if (request.method !== 'POST' || request.path !== '/v1/chat/completions') {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Unknown route', type: 'invalid_request_error' } }));
      return;
    }
    const body = request.body as ChatRequest;
    const question = body.messages.at(-1)?.content ?? '';
    if (question.includes('[fail]')) {
      response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'The server had an error', type: 'server_error' } }));
      return;
    }
    const long = /\[long=(\d+)\]/.exec(question);
    const answer = long ? longAnswer(Number(long[1])) : question.includes('[cite]') ? CITED_ANSWER : fakeAnswer(body);
    if (!body.stream || question.includes('[whole]')) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion', model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }] }),
      );
      return;
    }
    if (options.onAbort) response.once('close', () => response.writableEnded || options.onAbort!());
    await stream(response, body.model, answer, question, options);
  });
  return { baseUrl: `${server.url}/v1`, requests: server.requests, close: () => server.close() };
}

async function stream(response: ServerResponse, model: string, answer: string, question: string, { tokenDelayMs = 0, onToken }: FakeOpenAiOptions): Promise<void> {
  const chunk = (delta: object, finish: string | null = null) =>
    writeEvent(response, JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta, finish_reason: finish }] }));
  openEventStream(response);
  chunk({ role: 'assistant', content: '' });
  const tokens = question.includes('[cite]') ? (answer.match(/[\s\S]{1,3}/g) ?? []) : (answer.match(/\S+\s*/g) ?? []);
  const pace = /\[pace=(\d+)\]/.exec(question);
  const delay = question.includes('[slow]') ? 50 : pace ? Number(pace[1]) : tokenDelayMs;
  for (const [i, token] of tokens.entries()) {
    if (response.destroyed) return;
    if (delay) await pause(delay);
    chunk({ content: token });
    onToken?.(i);
    if (i === 1 && question.includes('[reset]')) {
      await pause(20);
      resetConnection(response);
      return;
    }
    if (i === 1 && question.includes('[malformed]')) writeEvent(response, '{"choices": [{"delta": ');
    if (i === 1 && question.includes('[stall]')) return; // never ends; the client must give up
  }
  chunk({}, 'stop');
  writeEvent(response, '[DONE]');
  response.end();
}
