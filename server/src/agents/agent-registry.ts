import type { AgentProvider } from './agent-provider.js';

/** The providers this server can run, keyed by id; AGENT_PROVIDER picks one. */
export class AgentRegistry {
  private readonly providers = new Map<string, AgentProvider>();

  constructor(providers: AgentProvider[]) {
    for (const provider of providers) {
      if (this.providers.has(provider.id)) throw new Error(`Two agent providers share the id "${provider.id}".`);
      this.providers.set(provider.id, provider);
    }
  }

  get(id: string): AgentProvider {
    const provider = this.providers.get(id);
    if (!provider) throw new Error(`AGENT_PROVIDER=${id}: no such provider is configured (available: ${[...this.providers.keys()].join(', ')})`);
    return provider;
  }
}
