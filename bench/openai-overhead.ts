import { startFakeOpenAi } from '../server/test/fakes/openai-server.js';
import { timeAgentRun } from './agent-run.js';
import { fetchJwt } from './api-users.js';
import type { ChildServer } from './processes.js';
import { latencyText, ms, type Row } from './report.js';
import { summarize } from './stats.js';

/** Pace of the local OpenAI-compatible server: its first token comes this long after the request. */
const TOKEN_DELAY_MS = 20;
const QUESTION = 'How do I embed the widget on my site?';

/** Time to the first non-empty token and to [DONE], talking to the provider directly. */
async function timeProviderDirectly(baseUrl: string): Promise<{ firstToken: number; done: number }> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body: JSON.stringify({ model: 'bench', stream: true, messages: [{ role: 'system', content: 'You are helpful.' }, { role: 'user', content: QUESTION }] }),
  });
  let firstToken = NaN;
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body!) {
    text += decoder.decode(chunk, { stream: true });
    if (Number.isNaN(firstToken) && /"content":"[^"]/.test(text)) firstToken = performance.now() - started;
  }
  return { firstToken, done: performance.now() - started };
}

/**
 * What the server adds to an LLM's own latency: a server configured with AGENT_PROVIDER=openai
 * against a local OpenAI-compatible server (server/test/fakes/openai-server.ts) that streams its
 * tokens TOKEN_DELAY_MS apart. The provider's own time to first token and to the end are measured
 * by calling it directly; the difference from what a client of our API sees is the server's share
 * (auth, rate limit, saving the user message, retrieval for RAG, relaying, saving the answer).
 */
export async function measureOpenAiOverhead(options: {
  startServer(env: Record<string, string>): Promise<ChildServer>;
  sessionToken: string;
  runs: number;
  targetP99Ms: number;
  log: (line: string) => void;
}): Promise<Row[]> {
  const fake = await startFakeOpenAi({ tokenDelayMs: TOKEN_DELAY_MS });
  const server = await options.startServer({ AGENT_PROVIDER: 'openai', OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: 'bench-key', OPENAI_MODEL: 'bench-model' });
  try {
    const jwt = await fetchJwt(server.url, options.sessionToken);
    for (let i = 0; i < 5; i++) {
      await timeProviderDirectly(fake.baseUrl);
      await timeAgentRun(server.url, jwt, QUESTION);
    }
    const direct = [];
    const viaApi = [];
    // Interleaved, so both see the same machine conditions.
    for (let i = 0; i < options.runs; i++) {
      direct.push(await timeProviderDirectly(fake.baseUrl));
      viaApi.push(await timeAgentRun(server.url, jwt, QUESTION));
    }
    const ownFirst = summarize(direct.map((d) => d.firstToken));
    const ownDone = summarize(direct.map((d) => d.done));
    const apiFirstByte = summarize(viaApi.map((v) => v.firstByte));
    const apiFirst = summarize(viaApi.map((v) => v.firstDelta));
    const apiDone = summarize(viaApi.map((v) => v.done));
    // Per-run differences against the median of the provider's own figure.
    const addedFirst = summarize(viaApi.map((v) => v.firstDelta - ownFirst.p50));
    const addedDone = summarize(viaApi.map((v) => v.done - ownDone.p50));
    options.log(`openai: own first token ${ms(ownFirst.p50)}, via API ${ms(apiFirst.p50)}; added p99 ${ms(addedFirst.p99)}`);
    const S = `Agent run (openai provider, local server, tokens ${TOKEN_DELAY_MS} ms apart)`;
    return [
      { section: S, figure: 'Provider alone: first token; end of stream', result: `first token ${latencyText(ownFirst)}; end ${latencyText(ownDone)}` },
      { section: S, figure: 'Through POST /agents/run: first byte (conversation event, before the provider is called); first delta; done', result: `first byte ${latencyText(apiFirstByte)}; first delta ${latencyText(apiFirst)}; done ${latencyText(apiDone)}` },
      { section: S, figure: 'Added by the server before the first streamed token (API first delta − provider first token)', result: latencyText(addedFirst), target: `p99 ≤ ${options.targetP99Ms} ms`, met: addedFirst.p99 <= options.targetP99Ms },
      { section: S, figure: 'Added end to end (API done − provider end of stream)', result: latencyText(addedDone) },
    ];
  } finally {
    await server.stop();
    await fake.close();
  }
}
