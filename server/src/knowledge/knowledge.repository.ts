import type { DataSource, EntityManager } from 'typeorm';
import type { Section } from './markdown-sections.js';

export interface PassageRow {
  chunk_id: string;
  document_id: string;
  anchor: string;
  title: string;
  heading: string;
  url: string;
  content: string;
  snippet: string;
  score: number;
}

/** Every statement this repository runs, by name; `queries/knowledge.repository.sql` is their snapshot. */
export const knowledgeQueries = {
  /**
   * Questions are written in prose, so the query matches any of its words (stop words dropped,
   * stems matched); passages holding all of them come first, then by rank, which weighs headings
   * above body text. One passage per document, so the sources cited are different pages.
   */
  search: `WITH q AS (
      SELECT websearch_to_tsquery('english', $1) AS every_word,
             replace(plainto_tsquery('english', $1)::text, ' & ', ' | ')::tsquery AS any_word
    ), ranked AS (
      SELECT DISTINCT ON (c.document_id) c.id AS chunk_id, c.document_id, c.heading, c.anchor, c.content, d.title, d.url, d.path, c.position,
             c.search_vector @@ q.every_word AS has_every_word,
             ts_rank(c.search_vector, q.any_word, 32) AS score,
             q.any_word
      FROM chunks c JOIN documents d ON d.id = c.document_id, q
      WHERE c.search_vector @@ q.any_word
      ORDER BY c.document_id, has_every_word DESC, score DESC, c.position
    )
    SELECT chunk_id, document_id, anchor, title, heading, url, content, score::float8 AS score,
           ts_headline('english', content, any_word, 'StartSel="",StopSel="",MinWords=12,MaxWords=36,ShortWord=2,MaxFragments=2,FragmentDelimiter=" … "') AS snippet
    FROM ranked
    ORDER BY has_every_word DESC, score DESC, path, position
    LIMIT $2`,
  /** One ingestion at a time: several instances starting together would otherwise race on paths. */
  lockIngestion: `SELECT pg_advisory_xact_lock(hashtext('knowledge-ingest'))`,
  findDocument: `SELECT id, content_hash, url FROM documents WHERE path = $1`,
  upsertDocument: `INSERT INTO documents (path, url, title, content_hash, updated_at) VALUES ($1, $2, $3, $4, now())
    ON CONFLICT (path) DO UPDATE SET url = EXCLUDED.url, title = EXCLUDED.title, content_hash = EXCLUDED.content_hash, updated_at = now()
    RETURNING id`,
  deleteSections: `DELETE FROM chunks WHERE document_id = $1`,
  insertSections: `INSERT INTO chunks (document_id, heading, content, position, anchor)
    SELECT $1, heading, content, position, anchor FROM unnest($2::text[], $3::text[], $4::int[], $5::text[]) AS s(heading, content, position, anchor)`,
  documentPaths: `SELECT id, path FROM documents`,
  deleteDocuments: `DELETE FROM documents WHERE id = ANY($1::uuid[])`,
} as const;

/** The statements an ingestion runs, inside its transaction. */
export class KnowledgeWriter {
  constructor(private readonly manager: EntityManager) {}

  async findDocument(path: string): Promise<{ id: string; contentHash: string; url: string } | undefined> {
    const [row]: Array<{ id: string; content_hash: string; url: string }> = await this.manager.query(knowledgeQueries.findDocument, [path]);
    return row && { id: row.id, contentHash: row.content_hash, url: row.url };
  }

  /** Creates or updates the document at `path` and replaces its sections; returns its id. */
  async storeDocument(document: { path: string; url: string; title: string; contentHash: string }, sections: Section[]): Promise<string> {
    const [{ id }]: Array<{ id: string }> = await this.manager.query(knowledgeQueries.upsertDocument, [
      document.path,
      document.url,
      document.title,
      document.contentHash,
    ]);
    await this.manager.query(knowledgeQueries.deleteSections, [id]);
    await this.manager.query(knowledgeQueries.insertSections, [
      id,
      sections.map((s) => s.heading),
      sections.map((s) => s.content),
      sections.map((_, i) => i),
      sections.map((s) => s.anchor),
    ]);
    return id;
  }

  async documentPaths(): Promise<Array<{ id: string; path: string }>> {
    return this.manager.query(knowledgeQueries.documentPaths);
  }

  async deleteDocuments(ids: string[]): Promise<void> {
    await this.manager.query(knowledgeQueries.deleteDocuments, [ids]);
  }
}

/** All SQL on `documents` and `chunks`: retrieval for the agents, and ingestion. */
export class KnowledgeRepository {
  constructor(private readonly dataSource: DataSource) {}

  async search(question: string, limit: number): Promise<PassageRow[]> {
    return this.dataSource.query(knowledgeQueries.search, [question, limit]);
  }

  /** Runs `work` in one transaction holding the ingestion lock. */
  async ingesting<T>(work: (writer: KnowledgeWriter) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(knowledgeQueries.lockIngestion);
      return work(new KnowledgeWriter(manager));
    });
  }
}
