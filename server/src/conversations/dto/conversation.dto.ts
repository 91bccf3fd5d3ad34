import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { MessageSource } from '../../agents/agent-provider.js';
import type { ConversationRecord } from '../conversation.repository.js';
import { FEEDBACK_RATINGS, FEEDBACK_REASONS, type FeedbackRating, type FeedbackReason, type MessageFeedbackRecord } from '../feedback-vocabulary.js';
import type { MessageRole, MessageStatus } from '../message.entity.js';
import type { MessageRecord } from '../message.repository.js';
import { MESSAGE_ROLES, MESSAGE_STATUSES } from '../message.entity.js';

export class SourceDto implements MessageSource {
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uri', description: 'The page, with the `#anchor` of the passage’s section when it has one.' }) url!: string;
  @ApiProperty() snippet!: string;
  @ApiProperty({ description: 'Relevance, higher is better.' }) score!: number;
  @ApiPropertyOptional({ description: 'The passage supporting the answer, plain text (answers stored before citations have none).' }) quote?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The knowledge-base chunk it came from.' }) chunkId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The knowledge-base document it came from.' }) documentId?: string;
  @ApiProperty({ description: 'Whether a `[n]` marker of the answer (n = this source’s 1-based position) cites it; uncited sources are related reading.' })
  cited!: boolean;

  /** Sources as the API shows them: rows from before citations lack `cited` (and quote, ids) and read as uncited. */
  static list(sources: MessageSource[]): SourceDto[] {
    return sources.map((source) => ({ ...source, cited: source.cited ?? false }));
  }
}

export class MessageFeedbackDto {
  @ApiProperty({ enum: FEEDBACK_RATINGS }) rating!: FeedbackRating;
  @ApiProperty({ enum: FEEDBACK_REASONS, nullable: true, type: String }) reason!: FeedbackReason | null;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(feedback: MessageFeedbackRecord): MessageFeedbackDto {
    return { rating: feedback.rating, reason: feedback.reason, comment: feedback.comment, updatedAt: new Date(feedback.updatedAt).toISOString() };
  }
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

@ApiExtraModels(MessageFeedbackDto)
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
  // OpenAPI 3.0 cannot say "a $ref or null" with `nullable`; validators and the contract generator read this form.
  @ApiProperty({ anyOf: [{ $ref: getSchemaPath(MessageFeedbackDto) }, { type: 'null' }], description: 'Your feedback on this answer; null when you gave none.' })
  feedback!: MessageFeedbackDto | null;

  static from(message: MessageRecord): MessageDto {
    return {
      id: message.id,
      conversationId: message.conversationId,
      role: message.role,
      content: message.content,
      sources: SourceDto.list(message.sources),
      status: message.status,
      errorCode: message.errorCode,
      clientMessageId: message.clientMessageId,
      replyToId: message.replyToId,
      runId: message.runId,
      createdAt: message.createdAt.toISOString(),
      feedback: message.feedback ? MessageFeedbackDto.from(message.feedback) : null,
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
