import type { KnowledgeRepository } from './knowledge.repository.js';
import { plainSnippet } from './plain-snippet.js';

/** A ranked section of the knowledge base. */
export interface Passage {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  heading: string;
  /** The document's URL, with the section's `#anchor` when it has one. */
  url: string;
  content: string;
  /** The part of the content around the matched words, as plain text. */
  snippet: string;
  /** Relevance in 0..1 (PostgreSQL's rank, normalised as rank / (rank + 1)). */
  score: number;
}

/** A passage ranked below this fraction of the best one is dropped. */
const MIN_RELATIVE_SCORE = 0.35;

/**
 * Full-text search over the knowledge base (the ranking is in KnowledgeRepository.search), with
 * passages ranked far below the best one left out as noise.
 */
export class KnowledgeSearch {
  constructor(private readonly knowledge: KnowledgeRepository) {}

  async search(question: string, limit: number): Promise<Passage[]> {
    const rows = await this.knowledge.search(question, limit);
    const best = Math.max(0, ...rows.map((r) => r.score));
    return rows.filter((r) => r.score >= best * MIN_RELATIVE_SCORE).map((r) => ({
      chunkId: r.chunk_id,
      documentId: r.document_id,
      documentTitle: r.title,
      heading: r.heading,
      url: r.anchor ? `${r.url}#${encodeURIComponent(r.anchor)}` : r.url,
      content: r.content,
      snippet: plainSnippet(r.snippet),
      score: Math.round(r.score * 10_000) / 10_000,
    }));
  }
}
