import type { Passage } from '../../knowledge/knowledge-search.js';
import type { AgentEvent, AgentProvider, AgentRunInput } from '../agent-provider.js';
import { passageSources } from '../passage-sources.js';
import { composeAnswer, NOT_FOUND_ANSWER } from './compose-answer.js';
import { textPieces } from './text-pieces.js';

export interface RetrievalAgentOptions {
  /** Where passages come from: the knowledge base's full-text search. */
  knowledge: { search(question: string, limit: number): Promise<Passage[]> };
  /** Passages cited per answer. */
  maxPassages?: number;
}

/**
 * The built-in agent, for sites without an LLM: it quotes the best-matching passage of the
 * knowledge base, points at the next best ones, and cites each with a `[n]` marker. Works offline.
 */
export function retrievalAgent(options: RetrievalAgentOptions) {
  const maxPassages = options.maxPassages ?? 3;
  return {
    id: 'retrieval',
    async *run(input: AgentRunInput): AsyncGenerator<AgentEvent> {
      const passages = await relevantPassages(options.knowledge, input, maxPassages);
      const answer = passages.length ? composeAnswer(passages) : NOT_FOUND_ANSWER;
      // Sources first, so the answer's markers are checked as it streams.
      yield { type: 'sources', sources: passageSources(passages) };
      for (const text of textPieces(remainder(answer, input.partialAnswer))) {
        if (input.signal.aborted) return;
        yield { type: 'delta', text };
      }
    },
  } satisfies AgentProvider;
}

/**
 * What is left to say of `answer` after `partial`: the answer is composed the same way each time,
 * so a continued one is its rest; if the knowledge base changed meanwhile, the new answer in full,
 * after a paragraph break.
 */
function remainder(answer: string, partial: string | undefined): string {
  if (!partial) return answer;
  return answer.startsWith(partial) ? answer.slice(partial.length) : `\n\n${answer}`;
}

/**
 * Passages for the message; a follow-up that matches nothing on its own ("and on mobile?") is
 * searched together with the question before it.
 */
async function relevantPassages(knowledge: RetrievalAgentOptions['knowledge'], input: AgentRunInput, limit: number): Promise<Passage[]> {
  const passages = await knowledge.search(input.message, limit);
  const previous = input.history.findLast((turn) => turn.role === 'user');
  if (passages.length || !previous) return passages;
  return knowledge.search(`${previous.content} ${input.message}`, limit);
}
