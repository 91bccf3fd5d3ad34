/**
 * The one place the reliability tests depend on the agent, so swapping the stand-in echo agent for
 * a real provider (the fake OpenAI-compatible server, which understands the same `[slow]` marker)
 * is a change here only.
 */

/** Settings that make a server use the agent under test (none: the built-in stand-in). */
export async function agentEnv(): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  return { env: {}, stop: async () => undefined };
}

/** A message the agent answers slowly: about `words` tokens, 200 ms apart. */
export function slowMessage(words: number, tag = ''): string {
  return ['[slow]', tag, ...Array.from({ length: Math.max(0, words - 4) }, (_, i) => `w${i}`)].filter(Boolean).join(' ');
}
