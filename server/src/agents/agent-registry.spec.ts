import { describe, expect, it } from '@jest/globals';
import type { AgentProvider } from './agent-provider.js';
import { AgentRegistry } from './agent-registry.js';

const agent = (id: string): AgentProvider => ({ id, run: async function* () {} });

describe('AgentRegistry', () => {
  it('hands out providers by id', () => {
    const retrieval = agent('retrieval');
    expect(new AgentRegistry([retrieval, agent('http')]).get('retrieval')).toBe(retrieval);
  });

  it('refuses two providers with one id, at boot', () => {
    expect(() => new AgentRegistry([agent('http'), agent('http')])).toThrow('Two agent providers share the id "http".');
  });

  it('names the configured providers when asked for another', () => {
    expect(() => new AgentRegistry([agent('retrieval')]).get('openai')).toThrow('AGENT_PROVIDER=openai: no such provider is configured (available: retrieval)');
  });
});
