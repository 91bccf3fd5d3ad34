import type { Passage } from '../../knowledge/knowledge-search.js';
import { paragraphBlocks } from '../../knowledge/markdown-sections.js';
import { passageLabel } from '../passage-sources.js';

export const NOT_FOUND_ANSWER =
  "I couldn't find that in the docs. Try asking with the words the documentation would use, or about another topic.";

/** Roughly how much of the best passage is quoted; whole paragraphs and code blocks, never cut inside. */
const QUOTE_CHARS = 900;

/**
 * A short Markdown answer: the best passage's opening paragraphs (code blocks and tables intact),
 * then the titles of the other passages, each cited with its `[n]` marker (the passages are the
 * answer's sources, in order). No links: clients list the sources next to the answer.
 */
export function composeAnswer(passages: Passage[]): string {
  const [best, ...others] = passages;
  const parts = [`From **${passageLabel(best!)}** [1]:`, '', quote(best!.content)];
  if (others.length) parts.push('', `See also ${others.map((p, i) => `**${passageLabel(p)}** [${i + 2}]`).join(', ')}.`);
  return parts.join('\n');
}

function quote(content: string): string {
  const chosen: string[] = [];
  let length = 0;
  for (const block of paragraphBlocks(content)) {
    if (chosen.length && length + block.length > QUOTE_CHARS) {
      chosen.push('…');
      break;
    }
    chosen.push(block);
    length += block.length;
  }
  return chosen.join('\n\n');
}
