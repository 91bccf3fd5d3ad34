import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { Conversation } from './conversation.entity.js';
import { ConversationDto, type ConversationListItemDto, type ConversationPageDto, type ConversationWithMessagesDto, MessageDto } from './dto/conversation.dto.js';
import { cursorTimestampSql, decodeCursor, encodeCursor } from './keyset-cursor.js';
import { Message } from './message.entity.js';
import { searchTsquery, snippetFromHeadline, HEADLINE_OPTIONS } from './search-query.js';

interface ConversationRow {
  id: string;
  title: string;
  created_at: Date;
  last_message_at: Date;
  message_count: number;
  position: string;
  headline?: string | null;
}

const CONVERSATION_COLUMNS = `c.id, c.title, c.created_at, c.last_message_at, c.message_count, ${cursorTimestampSql('c.last_message_at')} AS position`;

/** Conversations a search checks one by one, newest first, before turning to the full-text indexes. */
const SEARCH_WALK_CONVERSATIONS = 100;

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

function toConversationDto(row: ConversationRow): ConversationDto {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at.toISOString(),
    lastMessageAt: row.last_message_at.toISOString(),
    messageCount: row.message_count,
  };
}

/** Reading and managing a user's conversations. Every query is scoped by the owner's id. */
@Injectable()
export class ConversationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest activity first, keyset-paginated; with `q`, only conversations matching it, with a snippet. */
  async list(userId: string, options: { limit: number; cursor?: string; q?: string }): Promise<ConversationPageDto> {
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    const params: unknown[] = [userId, options.limit + 1];
    const keyset = after ? `AND (c.last_message_at, c.id) < ($${params.push(after.at)}::timestamptz, $${params.push(after.id)}::uuid)` : '';

    let rows: ConversationRow[];
    if (options.q === undefined || options.q.trim() === '') {
      rows = await this.dataSource.query(
        `SELECT ${CONVERSATION_COLUMNS} FROM conversations c
         WHERE c.user_id = $1 ${keyset}
         ORDER BY c.last_message_at DESC, c.id DESC LIMIT $2`,
        params,
      );
    } else {
      const tsquery = searchTsquery(options.q);
      if (!tsquery) return { items: [], nextCursor: null };
      const q = `to_tsquery('english', $${params.push(tsquery)})`;
      // Common words first: walk the newest conversations in order, checking each for a match;
      // a full page found among them is the answer, whatever the history's size. Rarer words fall
      // back to the GIN indexes (user_id, search_vector), which are cheap when matches are few.
      rows = await this.dataSource.query(
        withSnippets(
          `SELECT ${CONVERSATION_COLUMNS} FROM (
             SELECT * FROM conversations c WHERE c.user_id = $1 ${keyset}
             ORDER BY c.last_message_at DESC, c.id DESC LIMIT ${SEARCH_WALK_CONVERSATIONS}
           ) c
           WHERE c.search_vector @@ ${q} OR EXISTS (SELECT FROM messages m WHERE m.conversation_id = c.id AND m.search_vector @@ ${q})
           ORDER BY c.last_message_at DESC, c.id DESC LIMIT $2`,
          q,
        ),
        params,
      );
      if (rows.length <= options.limit) {
        // Each branch stops at the page size: conversations with a matching message, and those
        // whose title matches. The tsquery is inline (not in a CTE) so the planner sees its words.
        rows = await this.dataSource.query(
          withSnippets(
            `SELECT * FROM (
               (SELECT ${CONVERSATION_COLUMNS} FROM conversations c
                WHERE c.user_id = $1 ${keyset}
                  AND EXISTS (SELECT FROM messages m WHERE m.conversation_id = c.id AND m.user_id = $1 AND m.search_vector @@ ${q})
                ORDER BY c.last_message_at DESC, c.id DESC LIMIT $2)
               UNION
               (SELECT ${CONVERSATION_COLUMNS} FROM conversations c
                WHERE c.user_id = $1 ${keyset} AND c.search_vector @@ ${q}
                ORDER BY c.last_message_at DESC, c.id DESC LIMIT $2)
             ) matched
             ORDER BY last_message_at DESC, id DESC LIMIT $2`,
            q,
          ),
          params,
        );
      }
    }

    const hasMore = rows.length > options.limit;
    const pageRows = rows.slice(0, options.limit);
    const items: ConversationListItemDto[] = pageRows.map((row) => ({
      ...toConversationDto(row),
      ...(row.headline != null ? { snippet: snippetFromHeadline(row.headline) } : {}),
    }));
    const last = pageRows.at(-1);
    return { items, nextCursor: hasMore && last ? encodeCursor({ at: last.position, id: last.id }) : null };
  }

  /** The conversation, or CONVERSATION_NOT_FOUND: someone else's conversation does not exist for you. */
  async getOwned(userId: string, conversationId: string): Promise<Conversation> {
    const conversation = await this.dataSource.getRepository(Conversation).findOneBy({ id: conversationId, userId });
    if (!conversation) throw new DomainError('CONVERSATION_NOT_FOUND', 'Conversation not found');
    return conversation;
  }

  /** The newest page of messages (chronological within the page); the cursor walks back in time. */
  async getWithMessages(userId: string, conversationId: string, options: { limit: number; cursor?: string }): Promise<ConversationWithMessagesDto> {
    const before = options.cursor ? decodeCursor(options.cursor) : undefined;
    const conversation = await this.getOwned(userId, conversationId);
    const query = this.dataSource
      .getRepository(Message)
      .createQueryBuilder('m')
      .addSelect(cursorTimestampSql('m.created_at'), 'position')
      .where('m.conversation_id = :conversationId AND m.user_id = :userId', { conversationId, userId })
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(options.limit + 1);
    if (before) query.andWhere('(m.created_at, m.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', before);
    const { entities, raw } = await query.getRawAndEntities<{ position: string }>();
    const hasMore = entities.length > options.limit;
    const page = entities.slice(0, options.limit);
    const oldest = page.at(-1);
    return {
      conversation: ConversationDto.from(conversation),
      messages: page.reverse().map((message) => MessageDto.from(message)),
      nextCursor: hasMore && oldest ? encodeCursor({ at: raw[options.limit - 1]!.position, id: oldest.id }) : null,
    };
  }

  async rename(userId: string, conversationId: string, title: string): Promise<ConversationDto> {
    const { affected } = await this.dataSource.getRepository(Conversation).update({ id: conversationId, userId }, { title });
    if (!affected) throw new DomainError('CONVERSATION_NOT_FOUND', 'Conversation not found');
    return ConversationDto.from(await this.getOwned(userId, conversationId));
  }

  async remove(userId: string, conversationId: string): Promise<void> {
    const result = await this.dataSource.getRepository(Conversation).delete({ id: conversationId, userId });
    if (!result.affected) throw new DomainError('CONVERSATION_NOT_FOUND', 'Conversation not found');
  }

  /** Every message of the conversation, oldest first (for export). */
  async allMessages(userId: string, conversationId: string): Promise<{ conversation: Conversation; messages: Message[] }> {
    const conversation = await this.getOwned(userId, conversationId);
    const messages = await this.dataSource.getRepository(Message).find({
      where: { conversationId, userId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return { conversation, messages };
  }
}
