import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '../database/database.module.js';

/** A half-open time range [from, to) the panels read. */
export interface TimeRange {
  from: Date;
  to: Date;
}

export interface ActivityDayRow {
  day: string;
  conversations: number;
  questions: number;
  answers: number;
}

export interface FlaggedAnswerRow {
  answer_id: string;
  conversation_id: string;
  question: string;
  /**
   * show_trgm's trigrams joined by '|' (a trigram holds only word characters and spaces): one plain
   * string per row, split in the server, costs less than node-postgres parsing a quoted text array.
   */
  trigrams: string;
  asked_at: Date;
  no_source: boolean;
  best_score: number | null;
  rated_down: boolean;
  email: string | null;
  name: string | null;
}

export interface RatedDownRow {
  answer_id: string;
  conversation_id: string;
  question: string | null;
  answer: string;
  reason: string | null;
  comment: string | null;
  rated_at: Date;
  email: string | null;
  name: string | null;
}

export interface CitedDocumentRow {
  document_id: string;
  title: string;
  url: string;
  path: string;
  citations: number;
  answers: number;
}

export interface UncitedDocumentRow {
  document_id: string;
  title: string;
  url: string;
  path: string;
}

export interface ConversationHeadRow {
  id: string;
  title: string;
  created_at: Date;
  last_message_at: Date;
  email: string | null;
  name: string | null;
}

export interface ConversationMessageRow {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  sources: unknown;
  status: string;
  created_at: Date;
  rating: string | null;
  reason: string | null;
  comment: string | null;
}

export interface AuditRow {
  id: string;
  action: string;
  target_id: string;
  created_at: Date;
  admin_email: string | null;
}

// Days are UTC days. `$1`/`$2` are the range's bounds; `$n` booleans say whether to read who asked
// (ADMIN_SHOW_IDENTITIES): without it the identity columns are NULL and never leave the database.
const DAY = `date_trunc('day', created_at AT TIME ZONE 'UTC')`;

/** Sources an answer actually cited (old rows carry no `cited` flag: uncited) from the knowledge base. */
const CITED_DOCUMENTS = `SELECT s->>'documentId' AS document_id, a.id AS answer_id
  FROM messages a CROSS JOIN LATERAL jsonb_array_elements(a.sources) s
  WHERE a.role = 'assistant' AND a.created_at >= $1 AND a.created_at < $2
    AND s->'cited' = 'true'::jsonb AND jsonb_typeof(s->'documentId') = 'string'`;

/** Every statement the console runs, by name; `queries/console.repository.sql` is their snapshot. */
export const consoleQueries = {
  activity: `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(c.n, 0)::int AS conversations,
      coalesce(m.questions, 0)::int AS questions, coalesce(m.answers, 0)::int AS answers
    FROM generate_series(($1::timestamptz AT TIME ZONE 'UTC'), ($2::timestamptz AT TIME ZONE 'UTC') - interval '1 day', interval '1 day') d(day)
    LEFT JOIN (SELECT ${DAY} AS day, count(*) AS n FROM conversations WHERE created_at >= $1 AND created_at < $2 GROUP BY 1) c ON c.day = d.day
    LEFT JOIN (
      SELECT ${DAY} AS day, count(*) FILTER (WHERE role = 'user') AS questions, count(*) FILTER (WHERE role = 'assistant') AS answers
      FROM messages WHERE created_at >= $1 AND created_at < $2 GROUP BY 1
    ) m ON m.day = d.day
    ORDER BY d.day`,
  // Finished answers with no source or a best score under $3 (IDX_messages_answer_score), and those
  // rated down; newest first, at most $5. Only the flagged answers fetch their question.
  flaggedAnswers: `WITH flagged AS (
      SELECT a.id, a.conversation_id, a.user_id, a.reply_to_id, a.created_at FROM messages a
      WHERE a.role = 'assistant' AND a.status = 'complete' AND a.created_at >= $1 AND a.created_at < $2
        AND message_answer_score(a.sources) < $3
      UNION
      SELECT a.id, a.conversation_id, a.user_id, a.reply_to_id, a.created_at
      FROM message_feedback f JOIN messages a ON a.id = f.message_id
      -- Rated after it was given: a rating older than the range cannot be on an answer in it.
      WHERE f.rating = 'down' AND f.created_at >= $1 AND a.role = 'assistant' AND a.status = 'complete' AND a.created_at >= $1 AND a.created_at < $2
      ORDER BY created_at DESC, id DESC
      LIMIT $5
    )
    SELECT a.id AS answer_id, a.conversation_id, q.content AS question, array_to_string(show_trgm(left(q.content, 500)), '|') AS trigrams,
      q.created_at AS asked_at, jsonb_array_length(m.sources) = 0 AS no_source,
      CASE WHEN jsonb_array_length(m.sources) > 0 THEN message_answer_score(m.sources) END AS best_score,
      coalesce(f.rating = 'down', false) AS rated_down,
      CASE WHEN $4 THEN u.email END AS email, CASE WHEN $4 THEN u.name END AS name
    FROM flagged a
    JOIN messages m ON m.id = a.id
    JOIN messages q ON q.id = a.reply_to_id
    LEFT JOIN message_feedback f ON f.message_id = a.id
    LEFT JOIN users u ON u.id = a.user_id AND $4
    ORDER BY a.created_at DESC, a.id DESC`,
  ratedDown: `SELECT a.id AS answer_id, a.conversation_id, q.content AS question, a.content AS answer, f.reason, f.comment,
      f.updated_at AS rated_at, CASE WHEN $3 THEN u.email END AS email, CASE WHEN $3 THEN u.name END AS name
    FROM message_feedback f
    JOIN messages a ON a.id = f.message_id
    LEFT JOIN messages q ON q.id = a.reply_to_id
    LEFT JOIN users u ON u.id = f.user_id AND $3
    WHERE f.rating = 'down' AND f.created_at >= $1 AND f.created_at < $2
    ORDER BY f.created_at DESC, f.message_id
    LIMIT $4`,
  topCitedDocuments: `WITH cited AS (${CITED_DOCUMENTS})
    SELECT d.id AS document_id, d.title, d.url, d.path, count(*)::int AS citations, count(DISTINCT cited.answer_id)::int AS answers
    FROM cited JOIN documents d ON d.id::text = cited.document_id
    GROUP BY d.id
    ORDER BY citations DESC, d.path
    LIMIT $3`,
  uncitedDocuments: `WITH cited AS (${CITED_DOCUMENTS})
    SELECT d.id AS document_id, d.title, d.url, d.path FROM documents d
    WHERE NOT EXISTS (SELECT 1 FROM cited WHERE cited.document_id = d.id::text)
    ORDER BY d.path
    LIMIT $3`,
  conversationHead: `SELECT c.id, c.title, c.created_at, c.last_message_at,
      CASE WHEN $2 THEN u.email END AS email, CASE WHEN $2 THEN u.name END AS name
    FROM conversations c LEFT JOIN users u ON u.id = c.user_id AND $2
    WHERE c.id = $1`,
  conversationMessages: `SELECT m.id, m.role, m.content, m.sources, m.status, m.created_at, f.rating, f.reason, f.comment
    FROM messages m LEFT JOIN message_feedback f ON f.message_id = m.id
    WHERE m.conversation_id = $1
    ORDER BY m.created_at, m.id
    LIMIT $2`,
  recordView: `INSERT INTO admin_audit_log (admin_user_id, action, target_id) VALUES ($1, $2, $3)`,
  auditLog: `SELECT l.id, l.action, l.target_id, l.created_at, u.email AS admin_email
    FROM admin_audit_log l LEFT JOIN users u ON u.id = l.admin_user_id
    WHERE l.created_at >= $1 AND l.created_at < $2
    ORDER BY l.created_at DESC, l.id
    LIMIT $3`,
} as const;

/** All SQL of the site owner's console: reads across every user's conversations, and the audit log. */
@Injectable()
export class ConsoleRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async activity(range: TimeRange): Promise<ActivityDayRow[]> {
    return (await this.pool.query<ActivityDayRow>(consoleQueries.activity, [range.from, range.to])).rows;
  }

  async flaggedAnswers(range: TimeRange, lowScore: number, identities: boolean, limit: number): Promise<FlaggedAnswerRow[]> {
    return (await this.pool.query<FlaggedAnswerRow>(consoleQueries.flaggedAnswers, [range.from, range.to, lowScore, identities, limit])).rows;
  }

  async ratedDown(range: TimeRange, identities: boolean, limit: number): Promise<RatedDownRow[]> {
    return (await this.pool.query<RatedDownRow>(consoleQueries.ratedDown, [range.from, range.to, identities, limit])).rows;
  }

  async topCitedDocuments(range: TimeRange, limit: number): Promise<CitedDocumentRow[]> {
    return (await this.pool.query<CitedDocumentRow>(consoleQueries.topCitedDocuments, [range.from, range.to, limit])).rows;
  }

  async uncitedDocuments(range: TimeRange, limit: number): Promise<UncitedDocumentRow[]> {
    return (await this.pool.query<UncitedDocumentRow>(consoleQueries.uncitedDocuments, [range.from, range.to, limit])).rows;
  }

  async conversationHead(id: string, identities: boolean): Promise<ConversationHeadRow | undefined> {
    return (await this.pool.query<ConversationHeadRow>(consoleQueries.conversationHead, [id, identities])).rows[0];
  }

  async conversationMessages(id: string, limit: number): Promise<ConversationMessageRow[]> {
    return (await this.pool.query<ConversationMessageRow>(consoleQueries.conversationMessages, [id, limit])).rows;
  }

  async recordView(adminUserId: string, action: string, targetId: string): Promise<void> {
    await this.pool.query(consoleQueries.recordView, [adminUserId, action, targetId]);
  }

  async auditLog(range: TimeRange, limit: number): Promise<AuditRow[]> {
    return (await this.pool.query<AuditRow>(consoleQueries.auditLog, [range.from, range.to, limit])).rows;
  }
}
