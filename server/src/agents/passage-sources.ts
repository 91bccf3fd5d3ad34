import type { Passage } from '../knowledge/knowledge-search.js';
import { plainSnippet } from '../knowledge/plain-snippet.js';
import type { MessageSource } from './agent-provider.js';

/** About three lines of a tooltip: enough to check a claim, short enough to read at a glance. */
const QUOTE_CHARS = 280;

/**
 * Passages as cited sources: "Document › Section", the section's URL, the matched text, the opening
 * of the passage as the quote, the rank, and the chunk and document ids.
 */
export function passageSources(passages: Passage[]): MessageSource[] {
  return passages.map((p) => ({
    title: passageLabel(p),
    url: p.url,
    snippet: p.snippet,
    score: p.score,
    quote: clipAtWord(plainSnippet(p.content), QUOTE_CHARS),
    chunkId: p.chunkId,
    documentId: p.documentId,
  }));
}

/** "Document › Section" (the innermost heading), or the document's title alone. */
export function passageLabel(passage: Passage): string {
  const section = passage.heading.split(' › ').at(-1);
  return section && section !== passage.documentTitle ? `${passage.documentTitle} › ${section}` : passage.documentTitle;
}

function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
