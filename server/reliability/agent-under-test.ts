import { startFakeOpenAi } from '../test/fakes/openai-server.js';

/**
 * The one place the reliability tests depend on the agent: the openai provider against the local
 * OpenAI-compatible fake, which paces its tokens when the question holds `[slow]`.
 */

/** Settings that make a server use the agent under test, and how to stop that agent. */
export async function agentEnv(): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  const openAi = await startFakeOpenAi();
  return {
    env: { AGENT_PROVIDER: 'openai', OPENAI_BASE_URL: openAi.baseUrl, OPENAI_MODEL: 'fake-model' },
    stop: () => openAi.close(),
  };
}

/** A message the agent answers slowly: about `words` + 8 tokens, 50 ms apart. */
export function slowMessage(words: number, tag = ''): string {
  return ['[slow]', tag, ...Array.from({ length: Math.max(0, words - 4) }, (_, i) => `w${i}`)].filter(Boolean).join(' ');
}

