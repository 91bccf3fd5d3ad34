import type { Passage } from '../../knowledge/knowledge-search.js';
import type { AgentRunInput } from '../agent-provider.js';

const INSTRUCTIONS = [
  "You are the assistant of this site's documentation. Answer briefly, in Markdown.",
  'Base the answer on the numbered passages below; if they do not cover the question, say so rather than guessing.',
  'After each claim, cite the passage it comes from with its number in brackets, like [1] or [2][3]; cite only passages listed below.',
  'Do not write URLs or a list of sources: the passages are shown to the reader as sources next to your answer.',
].join('\n');

export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

/**
 * What the model is told about the page the question was asked on. The values come from the
 * visitor's browser: they are quoted as JSON, as data, after the instructions, never as instructions.
 */
function pageSection(context: AgentRunInput['context']): string {
  if (!context) return '';
  const lines = [];
  if (context.url || context.title) lines.push(`The reader is on this page: ${JSON.stringify({ title: context.title, url: context.url })}`);
  if (context.data !== undefined) lines.push(`The site describes that page as: ${JSON.stringify(context.data)}`);
  return lines.length ? `\n\nPage (use it to understand questions like "what does this setting do?"):\n${lines.join('\n')}` : '';
}

/** Said after a cut answer, when the reader asks for the rest of it. */
export const CONTINUE_INSTRUCTION = 'Your answer above was cut off. Continue it from exactly where it stopped: do not repeat any of it, do not comment on the interruption.';

/**
 * The Chat Completions messages for a run: instructions with the passages and the page, the
 * history, the question, and when an answer is continued, the part given so far and the request
 * to go on from it.
 */
export function chatMessages(input: Pick<AgentRunInput, 'message' | 'history' | 'context' | 'partialAnswer'>, passages: Passage[]): ChatMessage[] {
  const context = passages.length
    ? passages.map((p, i) => `[${i + 1}] ${p.documentTitle}${p.heading ? ` › ${p.heading}` : ''}\n${p.content}`).join('\n\n')
    : '(no passage of the documentation matches this question)';
  return [
    { role: 'system', content: `${INSTRUCTIONS}\n\nPassages:\n\n${context}${pageSection(input.context)}` },
    ...input.history.map((turn) => ({ role: turn.role, content: turn.content })),
    { role: 'user', content: input.message },
    ...(input.partialAnswer
      ? [
          { role: 'assistant' as const, content: input.partialAnswer },
          { role: 'user' as const, content: CONTINUE_INSTRUCTION },
        ]
      : []),
  ];
}
