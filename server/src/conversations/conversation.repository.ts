import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '../database/database.module.js';
import type { Queryable } from '../database/transaction.js';
import type { Conversation } from './conversation.entity.js';
import { cursorTimestampSql, type KeysetPosition } from './keyset-cursor.js';
import { HEADLINE_OPTIONS } from './search-query.js';

/** A conversation as the API shows it. */
export type ConversationRecord = Pick<Conversation, 'id' | 'userId' | 'title' | 'createdAt' | 'lastMessageAt' | 'messageCount'>;

/** A conversation in a list page: its keyset position, and with a search, the best match highlighted. */
export interface ConversationListRow extends ConversationRecord {
  position: string;
  headline: string | null;
}

export interface ConversationRow {
  id: string;
  user_id: string;
  title: string;
  created_at: Date;
  last_message_at: Date;
  message_count: number;
}

/** The columns every conversation read returns, for `toConversation`. */
export const CONVERSATION_COLUMNS = 'c.id, c.user_id, c.title, c.created_at, c.last_message_at, c.message_count';

export function toConversation(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    userId: row.user_id,
    title: row.title,
    createdAt: row.created_at,
    lastMessageAt: row.last_message_at,
    messageCount: row.message_count,
  };
}

const LIST_COLUMNS = `${CONVERSATION_COLUMNS}, ${cursorTimestampSql('c.last_message_at')} AS position`;

/** Conversations a search checks one by one, newest first, before turning to the full-text indexes. */
const SEARCH_WALK_CONVERSATIONS = 100;

/** $1 user id, $2 page size + 1, then $3/$4 the keyset position when `after`, then the tsquery. */
function keyset(after: boolean): string {
  return after ? 'AND (c.last_message_at, c.id) < ($3::timestamptz, $4::uuid)' : '';
}

function tsquery(after: boolean): string {
  return `to_tsquery('english', $${after ? 5 : 3})`;
}

/**
 * A page of matching conversations (`pageSql`) with the snippet of each: its newest matching
 * message, highlighted, computed only for the page actually returned.
 */
function withSnippets(pageSql: string, q: string): string {
  return `WITH page AS (${pageSql})
    SELECT page.*, ts_headline('english', coalesce(best.content, page.title), ${q}, '${HEADLINE_OPTIONS}') AS headline
    FROM page
    LEFT JOIN LATERAL (
      SELECT translate(m.content, E'\\x02\\x03', '') AS content FROM messages m
      WHERE m.conversation_id = page.id AND m.user_id = $1 AND m.search_vector @@ ${q}
      ORDER BY m.created_at DESC, m.id DESC LIMIT 1
    ) best ON true
    ORDER BY page.last_message_at DESC, page.id DESC`;
}

/** Every statement this repository runs, by name; `queries/conversation.repository.sql` is their snapshot. */
export const conversationQueries = {
  list: (after: boolean) =>
    `SELECT ${LIST_COLUMNS}, NULL AS headline FROM conversations c
     WHERE c.user_id = $1 ${keyset(after)}
     ORDER BY c.last_message_at DESC, c.id DESC LIMIT $2`,
  // Common words: walk the newest conversations in order, checking each for a match; a full page
  // found among them is the answer, whatever the history's size.
  searchRecent: (after: boolean) =>
    withSnippets(
      `SELECT ${LIST_COLUMNS} FROM (
         SELECT * FROM conversations c WHERE c.user_id = $1 ${keyset(after)}
         ORDER BY c.last_message_at DESC, c.id DESC LIMIT ${SEARCH_WALK_CONVERSATIONS}
       ) c
       WHERE c.search_vector @@ ${tsquery(after)} OR EXISTS (SELECT FROM messages m WHERE m.conversation_id = c.id AND m.search_vector @@ ${tsquery(after)})
       ORDER BY c.last_message_at DESC, c.id DESC LIMIT $2`,
      tsquery(after),
    ),
  // Rarer words: the GIN indexes (user_id, search_vector), cheap when matches are few. Each branch
  // stops at the page size; the tsquery is inline (not in a CTE) so the planner sees its words.
  searchIndexed: (after: boolean) =>
    withSnippets(
      `SELECT * FROM (
         (SELECT ${LIST_COLUMNS} FROM conversations c
          WHERE c.user_id = $1 ${keyset(after)}
            AND EXISTS (SELECT FROM messages m WHERE m.conversation_id = c.id AND m.user_id = $1 AND m.search_vector @@ ${tsquery(after)})
          ORDER BY c.last_message_at DESC, c.id DESC LIMIT $2)
         UNION
         (SELECT ${LIST_COLUMNS} FROM conversations c
          WHERE c.user_id = $1 ${keyset(after)} AND c.search_vector @@ ${tsquery(after)}
          ORDER BY c.last_message_at DESC, c.id DESC LIMIT $2)
       ) matched
       ORDER BY last_message_at DESC, id DESC LIMIT $2`,
      tsquery(after),
    ),
  findOwned: `SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = $1 AND c.user_id = $2`,
  /** Locks the conversation for the rest of the transaction: sends in one conversation queue up. */
  findOwnedForUpdate: `SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = $1 AND c.user_id = $2 FOR UPDATE`,
  create: `INSERT INTO conversations AS c (user_id, title) VALUES ($1, $2) RETURNING ${CONVERSATION_COLUMNS}`,
  rename: `UPDATE conversations c SET title = $3 WHERE c.id = $1 AND c.user_id = $2 RETURNING ${CONVERSATION_COLUMNS}`,
  remove: `DELETE FROM conversations WHERE id = $1 AND user_id = $2`,
  /** After a run's first messages: count them and mark the activity. */
  addMessages: `UPDATE conversations c SET message_count = c.message_count + $2, last_message_at = greatest(c.last_message_at, now())
     WHERE c.id = $1 RETURNING ${CONVERSATION_COLUMNS}`,
  touch: `UPDATE conversations c SET last_message_at = greatest(c.last_message_at, now()) WHERE c.id = $1 RETURNING ${CONVERSATION_COLUMNS}`,
  /** Every conversation of the user, oldest first (the account export). */
  allOfUser: `SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.user_id = $1 ORDER BY c.created_at, c.id`,
} as const;

/** All SQL on `conversations`. Every read and write is scoped by the owner's id. */
@Injectable()
export class ConversationRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Newest activity first; `limit` rows at most (ask for one more to learn whether a next page exists). */
  async list(userId: string, limit: number, after?: KeysetPosition): Promise<ConversationListRow[]> {
    return this.listPage(conversationQueries.list(!!after), userId, limit, after);
  }

  /** Conversations whose title or messages match `tsquery`, newest activity first, with a headline each. */
  async search(userId: string, tsquery: string, limit: number, after?: KeysetPosition): Promise<ConversationListRow[]> {
    const recent = await this.listPage(conversationQueries.searchRecent(!!after), userId, limit, after, tsquery);
    if (recent.length >= limit) return recent;
    return this.listPage(conversationQueries.searchIndexed(!!after), userId, limit, after, tsquery);
  }

  async findOwned(userId: string, id: string, db: Queryable = this.pool): Promise<ConversationRecord | undefined> {
    return this.one(db, conversationQueries.findOwned, [id, userId]);
  }

  async findOwnedForUpdate(db: Queryable, userId: string, id: string): Promise<ConversationRecord | undefined> {
    return this.one(db, conversationQueries.findOwnedForUpdate, [id, userId]);
  }

  async create(db: Queryable, userId: string, title: string): Promise<ConversationRecord> {
    return (await this.one(db, conversationQueries.create, [userId, title]))!;
  }

  async allOfUser(userId: string): Promise<ConversationRecord[]> {
    const { rows } = await this.pool.query<ConversationRow>(conversationQueries.allOfUser, [userId]);
    return rows.map(toConversation);
  }

  async rename(userId: string, id: string, title: string): Promise<ConversationRecord | undefined> {
    return this.one(this.pool, conversationQueries.rename, [id, userId, title]);
  }

  /** False when there was no such conversation of this user. Its messages go with it (cascade). */
  async remove(userId: string, id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(conversationQueries.remove, [id, userId]);
    return (rowCount ?? 0) > 0;
  }

  async addMessages(db: Queryable, id: string, count: number): Promise<ConversationRecord> {
    return (await this.one(db, conversationQueries.addMessages, [id, count]))!;
  }

  async touch(db: Queryable, id: string): Promise<ConversationRecord> {
    return (await this.one(db, conversationQueries.touch, [id]))!;
  }

  private async listPage(sql: string, userId: string, limit: number, after?: KeysetPosition, tsquery?: string): Promise<ConversationListRow[]> {
    const params: unknown[] = [userId, limit];
    if (after) params.push(after.at, after.id);
    if (tsquery !== undefined) params.push(tsquery);
    const { rows } = await this.pool.query<ConversationRow & { position: string; headline: string | null }>(sql, params);
    return rows.map((row) => ({ ...toConversation(row), position: row.position, headline: row.headline }));
  }

  private async one(db: Queryable, sql: string, params: unknown[]): Promise<ConversationRecord | undefined> {
    const { rows } = await db.query<ConversationRow>(sql, params);
    return rows[0] && toConversation(rows[0]);
  }
}
