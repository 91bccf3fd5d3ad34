import type { DataSource } from 'typeorm';
import { plainSnippet } from './plain-snippet.js';

/** A ranked section of the knowledge base. */
export interface Passage {
  documentTitle: string;
  heading: string;
  url: string;
  content: string;
  /** The part of the content around the matched words, as plain text. */
  snippet: string;
  /** Relevance in 0..1 (PostgreSQL's rank, normalised as rank / (rank + 1)). */
  score: number;
}

/**
 * Full-text search over the knowledge base. Questions are written in prose, so the query matches
 * any of its words (stop words dropped, stems matched); passages holding all of them come first,
 * then by rank, which weighs headings above body text. One passage per document, so the sources
 * cited are different pages; passages ranked far below the best one are left out as noise.
 */
/** A passage ranked below this fraction of the best one is dropped. */
const MIN_RELATIVE_SCORE = 0.35;

export class KnowledgeSearch {
  constructor(private readonly dataSource: DataSource) {}

  async search(question: string, limit: number): Promise<Passage[]> {
    const rows: Array<{ title: string; heading: string; url: string; content: string; snippet: string; score: number }> = await this.dataSource.query(
      `WITH q AS (
         SELECT websearch_to_tsquery('english', $1) AS every_word,
                replace(plainto_tsquery('english', $1)::text, ' & ', ' | ')::tsquery AS any_word
       ), ranked AS (
         SELECT DISTINCT ON (c.document_id) c.document_id, c.heading, c.content, d.title, d.url, d.path, c.position,
                c.search_vector @@ q.every_word AS has_every_word,
                ts_rank(c.search_vector, q.any_word, 32) AS score,
                q.any_word
         FROM chunks c JOIN documents d ON d.id = c.document_id, q
         WHERE c.search_vector @@ q.any_word
         ORDER BY c.document_id, has_every_word DESC, score DESC, c.position
       )
       SELECT title, heading, url, content, score::float8 AS score,
              ts_headline('english', content, any_word, 'StartSel="",StopSel="",MinWords=12,MaxWords=36,ShortWord=2,MaxFragments=2,FragmentDelimiter=" … "') AS snippet
       FROM ranked
       ORDER BY has_every_word DESC, score DESC, path, position
       LIMIT $2`,
      [question, limit],
    );
    const best = Math.max(0, ...rows.map((r) => r.score));
    return rows.filter((r) => r.score >= best * MIN_RELATIVE_SCORE).map((r) => ({
      documentTitle: r.title,
      heading: r.heading,
      url: r.url,
      content: r.content,
      snippet: plainSnippet(r.snippet),
      score: Math.round(r.score * 10_000) / 10_000,
    }));
  }
}
