import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { ConversationRepository } from './conversation.repository.js';
import { conversationToJson, conversationToMarkdown, exportFileName } from './conversation-export.js';
import { ConversationDto, type ConversationExportDto, type ConversationPageDto, type ConversationWithMessagesDto, MessageDto } from './dto/conversation.dto.js';
import type { ExportFormat } from './dto/requests.dto.js';
import { decodeCursor, encodeCursor } from './keyset-cursor.js';
import { MessageRepository } from './message.repository.js';
import { searchTsquery, snippetFromHeadline } from './search-query.js';

/** Reading and managing a user's conversations. Every query is scoped by the owner's id. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
  ) {}

  /** Newest activity first, keyset-paginated; with `q`, only conversations matching it, with a snippet. */
  async list(userId: string, options: { limit: number; cursor?: string; q?: string }): Promise<ConversationPageDto> {
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    let rows;
    if (options.q === undefined || options.q.trim() === '') rows = await this.conversations.list(userId, options.limit + 1, after);
    else {
      const tsquery = searchTsquery(options.q);
      if (!tsquery) return { items: [], nextCursor: null };
      rows = await this.conversations.search(userId, tsquery, options.limit + 1, after);
    }
    const hasMore = rows.length > options.limit;
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({ ...ConversationDto.from(row), ...(row.headline != null ? { snippet: snippetFromHeadline(row.headline) } : {}) })),
      nextCursor: hasMore && last ? encodeCursor({ at: last.position, id: last.id }) : null,
    };
  }

  /** The newest page of messages (chronological within the page); the cursor walks back in time. */
  async getWithMessages(userId: string, conversationId: string, options: { limit: number; cursor?: string }): Promise<ConversationWithMessagesDto> {
    const before = options.cursor ? decodeCursor(options.cursor) : undefined;
    const found = await this.messages.conversationPage(userId, conversationId, options.limit + 1, before);
    if (!found) throw notFound();
    const hasMore = found.messages.length > options.limit;
    const page = found.messages.slice(0, options.limit);
    const oldest = page.at(-1);
    return {
      conversation: ConversationDto.from(found.conversation),
      messages: page.reverse().map(({ message }) => MessageDto.from(message)),
      nextCursor: hasMore && oldest ? encodeCursor({ at: oldest.position, id: oldest.message.id }) : null,
    };
  }

  async rename(userId: string, conversationId: string, title: string): Promise<ConversationDto> {
    const renamed = await this.conversations.rename(userId, conversationId, title);
    if (!renamed) throw notFound();
    return ConversationDto.from(renamed);
  }

  async remove(userId: string, conversationId: string): Promise<void> {
    if (!(await this.conversations.remove(userId, conversationId))) throw notFound();
  }

  /** The whole conversation as a download: Markdown or JSON, every message oldest first. */
  async export(userId: string, conversationId: string, format: ExportFormat): Promise<{ body: string; contentType: string; fileName: string }> {
    const conversation = await this.conversations.findOwned(userId, conversationId);
    if (!conversation) throw notFound();
    const messages = await this.messages.allOfConversation(userId, conversationId);
    return format === 'json'
      ? { body: conversationToJson(conversation, messages), contentType: 'application/json; charset=utf-8', fileName: exportFileName(conversation, 'json') }
      : { body: conversationToMarkdown(conversation, messages), contentType: 'text/markdown; charset=utf-8', fileName: exportFileName(conversation, 'md') };
  }

  /** Every conversation of the user with every message and its sources, oldest first (the account export). */
  async exportAll(userId: string): Promise<ConversationExportDto[]> {
    const [conversations, messages] = await Promise.all([this.conversations.allOfUser(userId), this.messages.allOfUser(userId)]);
    const byConversation = new Map<string, MessageDto[]>();
    for (const message of messages) {
      const list = byConversation.get(message.conversationId) ?? byConversation.set(message.conversationId, []).get(message.conversationId)!;
      list.push(MessageDto.from(message));
    }
    return conversations.map((c) => ({ conversation: ConversationDto.from(c), messages: byConversation.get(c.id) ?? [] }));
  }
}

/** Someone else's conversation does not exist for you. */
function notFound(): DomainError {
  return new DomainError('CONVERSATION_NOT_FOUND', 'Conversation not found');
}
