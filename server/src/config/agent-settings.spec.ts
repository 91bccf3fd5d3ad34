import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './load-config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('agent and knowledge base settings', () => {
  it('default to the offline retrieval agent over the served docs', () => {
    const config = loadConfig({ PORT: '4000', SERVE_EXAMPLES: 'false' });
    expect(config.agents).toEqual({ provider: 'retrieval', timeoutMs: 30_000 });
    expect(config.knowledge).toEqual({ baseUrl: 'http://localhost:4000/docs/', ingestOnStart: ['docs'] });
  });

  it('default, in development, to the example docs site cited on the examples origin', () => {
    expect(loadConfig({ PORT: '4000', EXAMPLES_PORT: '5200' }).knowledge).toEqual({
      baseUrl: 'http://localhost:5200/docs-site/',
      ingestOnStart: ['examples/docs-site'],
    });
    // Naming what to ingest opts out of the demo.
    expect(loadConfig({ PORT: '4000', KNOWLEDGE_INGEST_ON_START: 'docs' }).knowledge.baseUrl).toBe('http://localhost:4000/docs/');
  });

  it('refuse a provider without the settings it needs, one line per missing setting', () => {
    expect(problemsOf({ AGENT_PROVIDER: 'openai' })).toEqual([
      'OPENAI_BASE_URL (unset): required with AGENT_PROVIDER=openai',
      'OPENAI_MODEL (unset): required with AGENT_PROVIDER=openai',
    ]);
    expect(problemsOf({ AGENT_PROVIDER: 'http' })).toEqual(['AGENT_HTTP_URL (unset): required with AGENT_PROVIDER=http']);
    expect(problemsOf({ AGENT_PROVIDER: 'gpt' })).toEqual([expect.stringMatching(/^AGENT_PROVIDER=gpt: .*retrieval, openai, http/)]);
    expect(problemsOf({ AGENT_TIMEOUT_MS: 'soon' })).toEqual([expect.stringMatching(/^AGENT_TIMEOUT_MS=soon: .*integer/)]);
  });

  it('configure the openai and http providers, never echoing their secrets', () => {
    const config = loadConfig({
      AGENT_PROVIDER: 'openai',
      OPENAI_BASE_URL: 'http://localhost:11434/v1/',
      OPENAI_MODEL: 'llama3.2',
      OPENAI_API_KEY: 'sk-secret',
      AGENT_HTTP_URL: 'https://agent.example.com/run',
    });
    expect(config.agents.openai).toEqual({ baseUrl: 'http://localhost:11434/v1', model: 'llama3.2', apiKey: 'sk-secret' });
    expect(config.agents.http).toEqual({ url: 'https://agent.example.com/run', token: undefined });
    expect(problemsOf({ AGENT_HTTP_URL: 'ftp://x', AGENT_HTTP_TOKEN: 'tok-secret' }).join('\n')).not.toContain('tok-secret');
  });

  it('take a knowledge base URL and the paths to ingest, or none', () => {
    const config = loadConfig({ KNOWLEDGE_BASE_URL: 'https://docs.example.com/guide', KNOWLEDGE_INGEST_ON_START: 'docs, site/help.md' });
    expect(config.knowledge).toEqual({ baseUrl: 'https://docs.example.com/guide/', ingestOnStart: ['docs', 'site/help.md'] });
    expect(loadConfig({ KNOWLEDGE_INGEST_ON_START: 'none' }).knowledge.ingestOnStart).toEqual([]);
  });
});
