import type { Passage } from '../knowledge/knowledge-search.js';
import type { MessageSource } from './agent-provider.js';

/** Passages as cited sources: "Document › Section", the page URL, the matched text, the rank. */
export function passageSources(passages: Passage[]): MessageSource[] {
  return passages.map((p) => ({ title: passageLabel(p), url: p.url, snippet: p.snippet, score: p.score }));
}

/** "Document › Section" (the innermost heading), or the document's title alone. */
export function passageLabel(passage: Passage): string {
  const section = passage.heading.split(' › ').at(-1);
  return section && section !== passage.documentTitle ? `${passage.documentTitle} › ${section}` : passage.documentTitle;
}
