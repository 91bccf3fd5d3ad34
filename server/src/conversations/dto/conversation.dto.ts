import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MessageSource } from '../../agents/agent-provider.js';
import type { ConversationRecord } from '../conversation.repository.js';
import type { MessageRole, MessageStatus } from '../message.entity.js';
import type { MessageRecord } from '../message.repository.js';
import { MESSAGE_ROLES, MESSAGE_STATUSES } from '../message.entity.js';

export class SourceDto implements MessageSource {
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uri' }) url!: string;
  @ApiProperty() snippet!: string;
  @ApiProperty({ description: 'Relevance, higher is better.' }) score!: number;
}

export class ConversationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) lastMessageAt!: string;
  @ApiProperty() messageCount!: number;

  static from(conversation: ConversationRecord): ConversationDto {
    return {
      id: conversation.id,
      title: conversation.title,
      createdAt: conversation.createdAt.toISOString(),
      lastMessageAt: conversation.lastMessageAt.toISOString(),
      messageCount: conversation.messageCount,
    };
  }
}

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) conversationId!: string;
  @ApiProperty({ enum: MESSAGE_ROLES }) role!: MessageRole;
  @ApiProperty({ description: 'Markdown for assistant messages. Untrusted: sanitise before rendering as HTML.' }) content!: string;
  @ApiProperty({ type: [SourceDto] }) sources!: SourceDto[];
  @ApiProperty({ enum: MESSAGE_STATUSES }) status!: MessageStatus;
  @ApiProperty({ type: String, nullable: true }) errorCode!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) clientMessageId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'For an answer: the user message it replies to.' })
  replyToId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'For an answer: the run that wrote it, or is writing it while `status` is `streaming` (GET /runs/{id}/events follows it).',
  })
  runId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(message: MessageRecord): MessageDto {
    return {
      id: message.id,
      conversationId: message.conversationId,
      role: message.role,
      content: message.content,
      sources: message.sources,
      status: message.status,
      errorCode: message.errorCode,
      clientMessageId: message.clientMessageId,
      replyToId: message.replyToId,
      runId: message.runId,
      createdAt: message.createdAt.toISOString(),
    };
  }
}

export class HighlightDto {
  @ApiProperty() start!: number;
  @ApiProperty() end!: number;
}

export class SnippetDto {
  @ApiProperty({ description: 'Plain text around the best match.' }) text!: string;
  @ApiProperty({ type: [HighlightDto], description: 'Character ranges of `text` that matched.' }) highlights!: HighlightDto[];
}

export class ConversationListItemDto extends ConversationDto {
  @ApiPropertyOptional({ type: SnippetDto, description: 'With `q`: the best matching passage.' }) snippet?: SnippetDto;
}

export class ConversationPageDto {
  @ApiProperty({ type: [ConversationListItemDto] }) items!: ConversationListItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null at the end.' })
  nextCursor!: string | null;
}

export class ConversationWithMessagesDto {
  @ApiProperty({ type: ConversationDto }) conversation!: ConversationDto;
  @ApiProperty({ type: [MessageDto], description: 'Chronological within the page.' }) messages!: MessageDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for older messages; null at the start.' })
  nextCursor!: string | null;
}

/** GET /conversations/:id/export?format=json: the whole conversation. */
export class ConversationExportDto {
  @ApiProperty({ type: ConversationDto }) conversation!: ConversationDto;
  @ApiProperty({ type: [MessageDto], description: 'Every message, chronological.' }) messages!: MessageDto[];
}

export class AgentRunResultDto {
  @ApiProperty({ type: ConversationDto }) conversation!: ConversationDto;
  @ApiProperty({ type: MessageDto }) userMessage!: MessageDto;
  @ApiProperty({ type: MessageDto }) assistantMessage!: MessageDto;
}
