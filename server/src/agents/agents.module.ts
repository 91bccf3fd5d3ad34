// TEMPORARY stand-in until the real providers land: '[fail]' throws, '[slow]' paces the words.
import { Module } from '@nestjs/common';
import type { AgentProvider } from './agent-provider.js';
export const AGENT_PROVIDER = Symbol('AGENT_PROVIDER');
const echo: AgentProvider = {
  id: 'echo',
  async *run(input) {
    if (input.message.includes('[fail]')) throw new Error('boom');
    for (const word of `You said: ${input.message}`.split(' ')) {
      if (input.message.includes('[slow]')) await new Promise((r) => setTimeout(r, 200));
      yield { type: 'delta', text: word + ' ' };
    }
    yield { type: 'sources', sources: [{ title: 'Doc', url: 'https://example.com/doc', snippet: 'snip', score: 1 }] };
  },
};
@Module({ providers: [{ provide: AGENT_PROVIDER, useValue: echo }], exports: [AGENT_PROVIDER] })
export class AgentsModule {}
