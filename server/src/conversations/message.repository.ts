import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { AgentTurn, MessageSource, PageContext } from '../agents/agent-provider.js';
import { PG_POOL } from '../database/database.module.js';
import type { Queryable } from '../database/transaction.js';
import type { NewRun } from '../runs/run.repository.js';
import { CONVERSATION_COLUMNS, type ConversationRecord, type ConversationRow, toConversation } from './conversation.repository.js';
import { cursorTimestampSql, type KeysetPosition } from './keyset-cursor.js';
import type { MessageFeedbackRecord } from './feedback-vocabulary.js';
import type { Message, MessageStatus } from './message.entity.js';

/** A message as the API shows it; reads of a conversation add the owner's feedback. */
export type MessageRecord = Omit<Message, 'conversation' | 'user' | 'replyTo' | 'searchVector'> & { feedback?: MessageFeedbackRecord | null };

interface MessageRow {
  id: string;
  conversation_id: string;
  user_id: string;
  role: Message['role'];
  content: string;
  sources: MessageSource[];
  status: MessageStatus;
  error_code: string | null;
  client_message_id: string | null;
  reply_to_id: string | null;
  run_id: string | null;
  page_context: PageContext | null;
  created_at: Date;
  updated_at: Date;
  feedback?: MessageFeedbackRecord | null;
}

/** The columns every message read returns, for `toMessage` (`m` is the table's alias). */
const MESSAGE_COLUMNS = 'm.id, m.conversation_id, m.user_id, m.role, m.content, m.sources, m.status, m.error_code, m.client_message_id, m.reply_to_id, m.run_id, m.page_context, m.created_at, m.updated_at';

/** The owner's feedback on message `m`, as one JSON value (NULL when none): for reads of a conversation. */
const FEEDBACK_COLUMN = `(SELECT json_build_object('rating', f.rating, 'reason', f.reason, 'comment', f.comment, 'updatedAt', f.updated_at)
        FROM message_feedback f WHERE f.message_id = m.id AND f.user_id = m.user_id) AS feedback`;

function toMessage(row: MessageRow): MessageRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    userId: row.user_id,
    role: row.role,
    content: row.content,
    sources: row.sources,
    status: row.status,
    errorCode: row.error_code,
    clientMessageId: row.client_message_id,
    replyToId: row.reply_to_id,
    runId: row.run_id,
    pageContext: row.page_context,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.feedback !== undefined ? { feedback: row.feedback } : {}),
  };
}

/** The user message and the empty answer a run starts with, and the conversation counting them. */
export interface StartedRun {
  conversation: ConversationRecord;
  userMessage: MessageRecord;
  answer: MessageRecord;
}

/** Prefixes a message row's columns, so one result row can carry the user message and the answer. */
const prefixed = (alias: string, prefix: string) =>
  MESSAGE_COLUMNS.replaceAll('m.', `${alias}.`)
    .split(', ')
    .map((column) => `${column} AS ${prefix}${column.slice(alias.length + 1)}`)
    .join(', ');

/**
 * Inserts the user message and its answer row (status `streaming`, one microsecond after the
 * question, computed in SQL: JavaScript dates would round the microseconds away and misorder the two).
 * `conversation` is a CTE yielding the conversation's id and owner; nothing is written without it.
 */
const START_RUN_TAIL = `
  user_message AS (
    INSERT INTO messages AS m (conversation_id, user_id, role, content, status, client_message_id, page_context, created_at, updated_at)
    SELECT conversation.id, conversation.user_id, 'user', $3, 'complete', $4, $5::jsonb, clock_timestamp(), clock_timestamp() FROM conversation
    ON CONFLICT (conversation_id, client_message_id) DO NOTHING
    RETURNING ${MESSAGE_COLUMNS}
  ), answer AS (
    INSERT INTO messages AS m (conversation_id, user_id, role, content, status, reply_to_id, run_id, created_at, updated_at)
    SELECT conversation_id, user_id, 'assistant', '', 'streaming', id, $6::uuid, created_at + interval '1 microsecond', now() FROM user_message
    RETURNING ${MESSAGE_COLUMNS}
  ), ${runInsert('$6', '$7', '$8')}`;

/**
 * The `run` CTE: the run row (see runs/run.repository.ts) of the answer in the `answer` CTE, owned by
 * this instance, whose lease lasts `lease` seconds. Written with the answer, so neither exists alone.
 */
function runInsert(id: string, instance: string, lease: string): string {
  return `run AS (
    INSERT INTO runs (id, user_id, conversation_id, message_id, instance_id, lease_until)
    SELECT ${id}::uuid, answer.user_id, answer.conversation_id, answer.id, ${instance}, now() + make_interval(secs => ${lease}) FROM answer
  )`;
}

/** Every statement this repository runs, by name; `queries/message.repository.sql` is their snapshot. */
export const messageQueries = {
  /**
   * An agent run in an existing conversation, in one statement: lock the conversation (sends in
   * one conversation queue up), store the user message and the answer row, count them. No row
   * when the conversation is not the user's; a conversation but no messages when `client_message_id`
   * is already stored there (a retry: see the transactional path in ChatService).
   */
  startRunInConversation: `WITH conversation AS (
    SELECT c.id, c.user_id FROM conversations c WHERE c.id = $1 AND c.user_id = $2 FOR UPDATE
  ), ${START_RUN_TAIL.trim()}, counted AS (
    UPDATE conversations c SET message_count = c.message_count + 2, last_message_at = greatest(c.last_message_at, now())
    FROM user_message WHERE c.id = user_message.conversation_id
    RETURNING ${CONVERSATION_COLUMNS}
  )
  SELECT conversation.id AS found, counted.*, ${prefixed('user_message', 'q_')}, ${prefixed('answer', 'a_')}
  FROM conversation LEFT JOIN counted ON true LEFT JOIN user_message ON true LEFT JOIN answer ON true`,
  /**
   * An agent run that starts a conversation, in one statement. With a client message id the new
   * conversation's id is derived from it (a version-8 UUID of the user and that id), so two copies of one send collide on the primary key
   * instead of making two conversations; no row when that id (or the client message id) is
   * already taken (a retry: see the transactional path in ChatService).
   */
  startRunInNewConversation: `WITH conversation AS (
    INSERT INTO conversations AS c (id, user_id, title, message_count)
    SELECT coalesce(overlay(overlay(md5($2::uuid::text || ':' || $4::uuid::text) placing '8' from 13) placing '8' from 17)::uuid, gen_random_uuid()), $2::uuid, $1, 2
    WHERE $4::uuid IS NULL OR NOT EXISTS (
      SELECT FROM messages m WHERE m.user_id = $2::uuid AND m.client_message_id = $4::uuid AND m.role = 'user'
    )
    ON CONFLICT (id) DO NOTHING
    RETURNING ${CONVERSATION_COLUMNS}
  ), ${START_RUN_TAIL.trim()}
  SELECT conversation.*, ${prefixed('user_message', 'q_')}, ${prefixed('answer', 'a_')}
  FROM conversation JOIN user_message ON true JOIN answer ON true`,
  /** Taken before a retried send is looked up: two copies of one send queue up here. */
  lockSend: `SELECT pg_advisory_xact_lock(hashtext($1))`,
  /** The conversation a retried first message was stored in. */
  conversationOfClientMessage: `SELECT ${CONVERSATION_COLUMNS} FROM messages m JOIN conversations c ON c.id = m.conversation_id
    WHERE m.user_id = $1 AND m.client_message_id = $2 AND m.role = 'user' LIMIT 1 FOR UPDATE OF c`,
  insertUserMessage: `INSERT INTO messages AS m (conversation_id, user_id, role, content, status, client_message_id, page_context, created_at, updated_at)
    VALUES ($1, $2, 'user', $3, 'complete', $4, $5::jsonb, clock_timestamp(), clock_timestamp())
    ON CONFLICT (conversation_id, client_message_id) DO NOTHING
    RETURNING ${MESSAGE_COLUMNS}`,
  insertAnswer: `WITH answer AS (
    INSERT INTO messages AS m (conversation_id, user_id, role, content, status, reply_to_id, run_id, created_at, updated_at)
    SELECT conversation_id, user_id, 'assistant', '', 'streaming', id, $2::uuid, created_at + interval '1 microsecond', now()
    FROM messages WHERE id = $1
    RETURNING ${MESSAGE_COLUMNS}
  ), ${runInsert('$2', '$3', '$4')}
  SELECT * FROM answer`,
  findByClientId: `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.conversation_id = $1 AND m.user_id = $2 AND m.client_message_id = $3`,
  findAnswer: `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.reply_to_id = $1`,
  restartAnswer: `WITH answer AS (
    UPDATE messages m SET content = '', sources = '[]', status = 'streaming', error_code = NULL, run_id = $2::uuid, updated_at = now()
    WHERE m.id = $1 RETURNING ${MESSAGE_COLUMNS}
  ), ${runInsert('$2', '$3', '$4')}
  SELECT * FROM answer`,
  /**
   * Continues a cut answer under a new run, in one statement: the previous run must be the user's,
   * `interrupted` or `stopped`, and still the answer's latest; the answer streams again (its text
   * kept, to be appended to) under the new run. No row: not the user's run; a row without `a_id`:
   * not a run that can be continued. With the question and the conversation, for the agent.
   */
  resumeAnswer: `WITH previous AS (
    SELECT r.id, r.message_id, r.status FROM runs r WHERE r.id = $1 AND r.user_id = $2 FOR UPDATE
  ), answer AS (
    UPDATE messages m SET status = 'streaming', error_code = NULL, run_id = $3::uuid, updated_at = now()
    FROM previous
    WHERE m.id = previous.message_id AND m.run_id = previous.id AND previous.status IN ('interrupted', 'stopped') AND m.status IN ('interrupted', 'stopped')
    RETURNING ${MESSAGE_COLUMNS}
  ), ${runInsert('$3', '$4', '$5')}
  SELECT previous.id AS found, ${CONVERSATION_COLUMNS}, ${prefixed('q', 'q_')}, ${prefixed('answer', 'a_')}
  FROM previous
  LEFT JOIN answer ON true
  LEFT JOIN messages q ON q.id = answer.reply_to_id
  LEFT JOIN conversations c ON c.id = answer.conversation_id`,
  /** The turns before a message, newest first; failed or empty answers are left out. */
  history: `SELECT m.role, m.content FROM messages m, (SELECT created_at, id FROM messages WHERE id = $2) AS current
    WHERE m.conversation_id = $1 AND (m.created_at, m.id) < (current.created_at, current.id)
      AND m.content <> '' AND m.status IN ('complete', 'interrupted', 'stopped')
    ORDER BY m.created_at DESC, m.id DESC LIMIT $3`,
  /** The conversation and a page of its messages (newest first), in one statement; no row when it is not the user's. */
  conversationPage: (before: boolean) => `SELECT ${CONVERSATION_COLUMNS}, ${prefixed('m', 'm_')}, m.feedback AS m_feedback, ${cursorTimestampSql('m.created_at')} AS m_position
    FROM conversations c
    LEFT JOIN LATERAL (
      SELECT ${MESSAGE_COLUMNS}, ${FEEDBACK_COLUMN} FROM messages m
      WHERE m.conversation_id = c.id AND m.user_id = c.user_id
        ${before ? 'AND (m.created_at, m.id) < ($4::timestamptz, $5::uuid)' : ''}
      ORDER BY m.created_at DESC, m.id DESC LIMIT $3
    ) m ON true
    WHERE c.id = $1 AND c.user_id = $2
    ORDER BY m.created_at DESC, m.id DESC`,
  allOfConversation: `SELECT ${MESSAGE_COLUMNS}, ${FEEDBACK_COLUMN} FROM messages m WHERE m.conversation_id = $1 AND m.user_id = $2 ORDER BY m.created_at, m.id`,
  /** Every message of the user, by conversation, oldest first (the account export). */
  allOfUser: `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.user_id = $1 ORDER BY m.conversation_id, m.created_at, m.id`,
} as const;

/** The parameters of `runInsert`, in its order. */
const runParams = (run: NewRun) => [run.id, run.instanceId, run.leaseSeconds];

/** A jsonb parameter: node-postgres would send an array as a PostgreSQL array, not as JSON. */
const jsonOrNull = (value: unknown) => (value == null ? null : JSON.stringify(value));

/** A conversation row with messages' columns under prefixes (`q_id`, `a_content`…). */
type JoinedRow = ConversationRow & Record<string, unknown>;

/** The message in columns named `${prefix}id`, `${prefix}content`…; `undefined` when they are NULL (an outer join found none). */
function fromPrefixed(row: Record<string, unknown>, p: string): MessageRecord | undefined {
  if (row[`${p}id`] == null) return undefined;
  return {
    id: row[`${p}id`] as string,
    conversationId: row[`${p}conversation_id`] as string,
    userId: row[`${p}user_id`] as string,
    role: row[`${p}role`] as Message['role'],
    content: row[`${p}content`] as string,
    sources: row[`${p}sources`] as MessageSource[],
    status: row[`${p}status`] as MessageStatus,
    errorCode: row[`${p}error_code`] as string | null,
    clientMessageId: row[`${p}client_message_id`] as string | null,
    replyToId: row[`${p}reply_to_id`] as string | null,
    runId: row[`${p}run_id`] as string | null,
    pageContext: row[`${p}page_context`] as PageContext | null,
    createdAt: row[`${p}created_at`] as Date,
    updatedAt: row[`${p}updated_at`] as Date,
    ...(row[`${p}feedback`] !== undefined ? { feedback: row[`${p}feedback`] as MessageFeedbackRecord | null } : {}),
  };
}

/** All SQL on `messages`, including the statements that start and finish an agent run. */
@Injectable()
export class MessageRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Starts a run in the user's conversation. `undefined`: not their conversation; `conversation`
   * alone: this client message id is stored there already (a retry).
   */
  async startRunInConversation(
    userId: string,
    conversationId: string,
    message: string,
    clientMessageId: string | null,
    context: PageContext | null,
    run: NewRun,
  ): Promise<{ found: false } | { found: true; started?: StartedRun }> {
    const { rows } = await this.pool.query<JoinedRow>(
      messageQueries.startRunInConversation,
      [conversationId, userId, message, clientMessageId, jsonOrNull(context), ...runParams(run)],
    );
    const row = rows[0];
    if (!row) return { found: false };
    const userMessage = fromPrefixed(row, 'q_');
    if (!userMessage) return { found: true };
    return { found: true, started: { conversation: toConversation(row), userMessage, answer: fromPrefixed(row, 'a_')! } };
  }

  /** Starts a run in a new conversation; `undefined` when this client message id was sent before (a retry). */
  async startRunInNewConversation(
    userId: string,
    title: string,
    message: string,
    clientMessageId: string | null,
    context: PageContext | null,
    run: NewRun,
  ): Promise<StartedRun | undefined> {
    const { rows } = await this.pool.query<JoinedRow>(messageQueries.startRunInNewConversation, [
      title,
      userId,
      message,
      clientMessageId,
      jsonOrNull(context),
      ...runParams(run),
    ]);
    const row = rows[0];
    return row && { conversation: toConversation(row), userMessage: fromPrefixed(row, 'q_')!, answer: fromPrefixed(row, 'a_')! };
  }

  async lockSend(db: Queryable, key: string): Promise<void> {
    await db.query(messageQueries.lockSend, [key]);
  }

  async conversationOfClientMessage(db: Queryable, userId: string, clientMessageId: string): Promise<ConversationRecord | undefined> {
    const { rows } = await db.query<ConversationRow>(messageQueries.conversationOfClientMessage, [userId, clientMessageId]);
    return rows[0] && toConversation(rows[0]);
  }

  /** `undefined` when this client message id is stored in the conversation already. */
  async insertUserMessage(db: Queryable, conversation: ConversationRecord, message: string, clientMessageId: string | null, context: PageContext | null): Promise<MessageRecord | undefined> {
    return this.one(db, messageQueries.insertUserMessage, [conversation.id, conversation.userId, message, clientMessageId, jsonOrNull(context)]);
  }

  async insertAnswer(db: Queryable, userMessageId: string, run: NewRun): Promise<MessageRecord> {
    return (await this.one(db, messageQueries.insertAnswer, [userMessageId, ...runParams(run)]))!;
  }

  async findByClientId(db: Queryable, conversationId: string, userId: string, clientMessageId: string): Promise<MessageRecord | undefined> {
    return this.one(db, messageQueries.findByClientId, [conversationId, userId, clientMessageId]);
  }

  async findAnswer(db: Queryable, userMessageId: string): Promise<MessageRecord | undefined> {
    return this.one(db, messageQueries.findAnswer, [userMessageId]);
  }

  /** Empties a failed or abandoned answer so it can be streamed again. */
  async restartAnswer(db: Queryable, answerId: string, run: NewRun): Promise<MessageRecord> {
    return (await this.one(db, messageQueries.restartAnswer, [answerId, ...runParams(run)]))!;
  }

  /** See `messageQueries.resumeAnswer`: `undefined` when the run is not the user's, `started` absent when it cannot be continued. */
  async resumeAnswer(userId: string, previousRunId: string, run: NewRun): Promise<{ started?: StartedRun } | undefined> {
    const { rows } = await this.pool.query<JoinedRow>(messageQueries.resumeAnswer, [previousRunId, userId, ...runParams(run)]);
    const row = rows[0];
    if (!row) return undefined;
    const answer = fromPrefixed(row, 'a_');
    return answer ? { started: { conversation: toConversation(row), userMessage: fromPrefixed(row, 'q_')!, answer } } : {};
  }

  /** Up to `turns` turns before `messageId`, oldest first. */
  async history(conversationId: string, messageId: string, turns: number): Promise<AgentTurn[]> {
    const { rows } = await this.pool.query<AgentTurn>(messageQueries.history, [conversationId, messageId, turns]);
    return rows.reverse();
  }

  /**
   * The conversation and up to `limit` of its messages before `before`, newest first, each with
   * its keyset position; `undefined` when the conversation is not the user's.
   */
  async conversationPage(
    userId: string,
    conversationId: string,
    limit: number,
    before?: KeysetPosition,
  ): Promise<{ conversation: ConversationRecord; messages: Array<{ message: MessageRecord; position: string }> } | undefined> {
    const params: unknown[] = [conversationId, userId, limit];
    if (before) params.push(before.at, before.id);
    const { rows } = await this.pool.query<JoinedRow>(messageQueries.conversationPage(!!before), params);
    if (!rows[0]) return undefined;
    const messages = [];
    for (const row of rows) {
      const message = fromPrefixed(row, 'm_');
      if (message) messages.push({ message, position: row.m_position as string });
    }
    return { conversation: toConversation(rows[0]), messages };
  }

  /** Every message of the conversation, oldest first. */
  async allOfConversation(userId: string, conversationId: string): Promise<MessageRecord[]> {
    const { rows } = await this.pool.query<MessageRow>(messageQueries.allOfConversation, [conversationId, userId]);
    return rows.map(toMessage);
  }

  async allOfUser(userId: string): Promise<MessageRecord[]> {
    const { rows } = await this.pool.query<MessageRow>(messageQueries.allOfUser, [userId]);
    return rows.map(toMessage);
  }

  private async one(db: Queryable, sql: string, params: unknown[]): Promise<MessageRecord | undefined> {
    const { rows } = await db.query<MessageRow>(sql, params);
    return rows[0] && toMessage(rows[0]);
  }
}
