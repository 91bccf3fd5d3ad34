import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { KnowledgeModule } from '../knowledge/knowledge.module.js';
import { KnowledgeSearch } from '../knowledge/knowledge-search.js';
import type { AgentProvider } from './agent-provider.js';
import { AgentRegistry } from './agent-registry.js';
import { httpAgent } from './http/index.js';
import { openaiAgent } from './openai/index.js';
import { retrievalAgent } from './retrieval/index.js';
import { guardRuns } from './run-guard.js';

/** The agent that answers, chosen by AGENT_PROVIDER and wrapped in the run guard. */
export const AGENT_PROVIDER = Symbol('AGENT_PROVIDER');

/** The built-in providers whose settings are present (a provider without its settings is left out). */
function builtInAgents(config: AppConfig, knowledge: KnowledgeSearch): AgentProvider[] {
  return [
    retrievalAgent({ knowledge }),
    ...(config.agents.openai ? [openaiAgent({ ...config.agents.openai, knowledge })] : []),
    ...(config.agents.http ? [httpAgent(config.agents.http)] : []),
  ];
}

@Module({
  imports: [KnowledgeModule],
  providers: [
    {
      provide: AGENT_PROVIDER,
      inject: [APP_CONFIG, KnowledgeSearch],
      useFactory: (config: AppConfig, knowledge: KnowledgeSearch): AgentProvider =>
        guardRuns(new AgentRegistry(builtInAgents(config, knowledge)).get(config.agents.provider), { timeoutMs: config.agents.timeoutMs }),
    },
  ],
  exports: [AGENT_PROVIDER],
})
export class AgentsModule {}
