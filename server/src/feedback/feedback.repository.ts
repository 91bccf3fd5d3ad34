import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { FeedbackReason, MessageFeedbackRecord } from '../conversations/feedback-vocabulary.js';
import type { MessageRole, MessageStatus } from '../conversations/message.entity.js';
import { PG_POOL } from '../database/database.module.js';

/** Every statement this repository runs, by name; `queries/feedback.repository.sql` is their snapshot. */
export const feedbackQueries = {
  /**
   * Rates an answer, replacing the user's earlier feedback on it, in one statement: no row unless
   * the message is the user's own finished answer (then `messageState` says why).
   */
  upsert: `INSERT INTO message_feedback AS f (message_id, user_id, rating, reason, comment)
    SELECT m.id, m.user_id, $3, $4, $5 FROM messages m
    WHERE m.id = $1 AND m.user_id = $2 AND m.role = 'assistant' AND m.status = 'complete'
    ON CONFLICT (message_id) DO UPDATE SET rating = EXCLUDED.rating, reason = EXCLUDED.reason, comment = EXCLUDED.comment, updated_at = now()
    RETURNING f.rating, f.reason, f.comment, f.updated_at`,
  messageState: `SELECT m.role, m.status FROM messages m WHERE m.id = $1 AND m.user_id = $2`,
  /** Removes the user's feedback; the row says whether the message is theirs at all. */
  remove: `WITH message AS (
    SELECT m.id FROM messages m WHERE m.id = $1 AND m.user_id = $2
  ), removed AS (
    DELETE FROM message_feedback f USING message WHERE f.message_id = message.id AND f.user_id = $2
  )
  SELECT id FROM message`,
} as const;

/** All SQL on `message_feedback`. */
@Injectable()
export class FeedbackRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** The stored feedback, or undefined when the message is not the user's finished answer. */
  async upsert(userId: string, messageId: string, feedback: Omit<MessageFeedbackRecord, 'updatedAt'>): Promise<MessageFeedbackRecord | undefined> {
    const { rows } = await this.pool.query<{ rating: MessageFeedbackRecord['rating']; reason: FeedbackReason | null; comment: string | null; updated_at: Date }>(
      feedbackQueries.upsert,
      [messageId, userId, feedback.rating, feedback.reason, feedback.comment],
    );
    const row = rows[0];
    return row && { rating: row.rating, reason: row.reason, comment: row.comment, updatedAt: row.updated_at };
  }

  /** The message's role and status, when it is the user's. */
  async messageState(userId: string, messageId: string): Promise<{ role: MessageRole; status: MessageStatus } | undefined> {
    const { rows } = await this.pool.query<{ role: MessageRole; status: MessageStatus }>(feedbackQueries.messageState, [messageId, userId]);
    return rows[0];
  }

  /** False when the message is not the user's. */
  async remove(userId: string, messageId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(feedbackQueries.remove, [messageId, userId]);
    return rowCount === 1;
  }
}
