import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FEEDBACK_REASONS } from '../../feedback/message-feedback.entity.js';

export class ConsoleRangeDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
}

export class ConsoleSettingsDto {
  @ApiProperty({ description: 'The signed-in admin.' }) email!: string | null;
  @ApiProperty({ description: 'ADMIN_SHOW_IDENTITIES: whether the panels show who asked.' }) showIdentities!: boolean;
  @ApiProperty({ description: 'ADMIN_LOW_SCORE_THRESHOLD: a best source score under it counts as unanswered.' }) lowScoreThreshold!: number;
  @ApiProperty({ description: 'ADMIN_QUESTION_SIMILARITY: how alike (0..1) grouped questions are.' }) questionSimilarity!: number;
}

export class ActivityDayDto {
  @ApiProperty({ format: 'date' }) day!: string;
  @ApiProperty({ description: 'Conversations started that day.' }) conversations!: number;
  @ApiProperty({ description: 'Questions asked (user messages).' }) questions!: number;
  @ApiProperty({ description: 'Answers given (agent messages).' }) answers!: number;
}

export class ActivityDto {
  @ApiProperty({ type: ConsoleRangeDto }) range!: ConsoleRangeDto;
  @ApiProperty({ type: [ActivityDayDto], description: 'One entry per UTC day of the range, zeros included.' }) days!: ActivityDayDto[];
}

/** Who asked or rated, present only with ADMIN_SHOW_IDENTITIES=true. */
export class AskerDto {
  @ApiProperty() email!: string | null;
  @ApiProperty() name!: string | null;
}

export class FlaggedAnswerDto {
  @ApiProperty({ format: 'uuid' }) answerId!: string;
  @ApiProperty({ format: 'uuid' }) conversationId!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ format: 'date-time' }) askedAt!: string;
  @ApiProperty({ enum: ['no_source', 'low_score', 'rated_down'], isArray: true, description: 'Why the answer counts as unanswered.' })
  reasons!: Array<'no_source' | 'low_score' | 'rated_down'>;
  @ApiProperty({ description: 'The best source score; null without a scored source.' }) bestScore!: number | null;
  @ApiPropertyOptional({ type: AskerDto }) asker?: AskerDto;
}

export class QuestionGroupDto {
  @ApiProperty({ description: 'The most asked wording in the group.' }) question!: string;
  @ApiProperty({ description: 'Unanswered answers in the group.' }) count!: number;
  @ApiProperty() noSource!: number;
  @ApiProperty() lowScore!: number;
  @ApiProperty() ratedDown!: number;
  @ApiProperty({ type: [FlaggedAnswerDto], description: 'The most recent few.' }) examples!: FlaggedAnswerDto[];
}

export class UnansweredDto {
  @ApiProperty({ type: ConsoleRangeDto }) range!: ConsoleRangeDto;
  @ApiProperty({ description: 'Unanswered answers in the range (at most `limit` are read and grouped).' }) total!: number;
  @ApiProperty({ description: 'True when the range held more than were grouped (the most recent are kept).' }) truncated!: boolean;
  @ApiProperty({ type: [QuestionGroupDto], description: 'Largest groups first.' }) groups!: QuestionGroupDto[];
}

export class RatedDownAnswerDto {
  @ApiProperty({ format: 'uuid' }) answerId!: string;
  @ApiProperty({ format: 'uuid' }) conversationId!: string;
  @ApiProperty() question!: string | null;
  @ApiProperty({ description: 'The answer, cut to 500 characters.' }) answer!: string;
  @ApiProperty({ enum: FEEDBACK_REASONS, nullable: true }) reason!: string | null;
  @ApiProperty() comment!: string | null;
  @ApiProperty({ format: 'date-time' }) ratedAt!: string;
  @ApiPropertyOptional({ type: AskerDto }) asker?: AskerDto;
}

export class RatedDownDto {
  @ApiProperty({ type: ConsoleRangeDto }) range!: ConsoleRangeDto;
  @ApiProperty({ type: [RatedDownAnswerDto], description: 'Newest first.' }) answers!: RatedDownAnswerDto[];
}

export class ConsoleDocumentDto {
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ description: 'The file it was ingested from.' }) path!: string;
  @ApiPropertyOptional({ description: 'Citations in answers of the range.' }) citations?: number;
  @ApiPropertyOptional({ description: 'Answers citing it.' }) answers?: number;
}

export class DocumentsDto {
  @ApiProperty({ type: ConsoleRangeDto }) range!: ConsoleRangeDto;
  @ApiProperty({ type: [ConsoleDocumentDto] }) documents!: ConsoleDocumentDto[];
}

export class ConsoleSourceDto {
  @ApiProperty() title!: string;
  @ApiProperty() url!: string;
  @ApiProperty() score!: number | null;
  @ApiProperty() cited!: boolean;
}

export class ConsoleMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['user', 'assistant'] }) role!: 'user' | 'assistant';
  @ApiProperty() content!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [ConsoleSourceDto] }) sources!: ConsoleSourceDto[];
  @ApiProperty({ enum: ['up', 'down'], nullable: true }) rating!: 'up' | 'down' | null;
  @ApiProperty({ nullable: true }) reason!: string | null;
  @ApiProperty({ nullable: true }) comment!: string | null;
}

export class ConsoleConversationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) lastMessageAt!: string;
  @ApiPropertyOptional({ type: AskerDto }) asker?: AskerDto;
  @ApiProperty({ type: [ConsoleMessageDto], description: 'Oldest first, at most 500.' }) messages!: ConsoleMessageDto[];
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'What was done: `conversation.view`.' }) action!: string;
  @ApiProperty({ format: 'uuid', description: 'What it was done to (the conversation).' }) targetId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'The admin who did it (null once their account is deleted).' }) adminEmail!: string | null;
}

export class AuditLogDto {
  @ApiProperty({ type: ConsoleRangeDto }) range!: ConsoleRangeDto;
  @ApiProperty({ type: [AuditEntryDto], description: 'Newest first.' }) entries!: AuditEntryDto[];
}
