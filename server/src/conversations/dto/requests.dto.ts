import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CONVERSATION_TITLE_MAX_LENGTH } from '../conversation.entity.js';
import { PageContextDto } from './page-context.dto.js';

/** Hard cap at the edge; the configured MESSAGE_MAX_LENGTH (≤ this) is checked by the chat service. */
export const MESSAGE_HARD_MAX_LENGTH = 100_000;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SendMessageDto {
  @ApiProperty({ description: 'The user message, 1..MESSAGE_MAX_LENGTH characters (default 8000).' })
  @IsString()
  @Matches(/\S/, { message: 'message must contain some text' })
  @MaxLength(MESSAGE_HARD_MAX_LENGTH)
  message!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Set by the client so a retried send is stored once.' })
  @IsOptional()
  @IsUUID('all')
  clientMessageId?: string;

  @ApiPropertyOptional({ type: PageContextDto, description: 'Where the message was sent from; stored with it and given to the agent.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PageContextDto)
  context?: PageContextDto;
}

export class RunAgentDto extends SendMessageDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Continue this conversation; omit to start a new one.' })
  @IsOptional()
  @IsUUID('all')
  conversationId?: string;
}

export class ListConversationsQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @ApiPropertyOptional({ description: 'From the previous page’s nextCursor.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Full-text search over titles and message text.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class GetConversationQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ description: 'From the previous page’s nextCursor (older messages).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class RenameConversationDto {
  @ApiProperty({ minLength: 1, maxLength: CONVERSATION_TITLE_MAX_LENGTH })
  @Transform(trim)
  @IsString()
  @Length(1, CONVERSATION_TITLE_MAX_LENGTH)
  title!: string;
}

export const EXPORT_FORMATS = ['markdown', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'markdown' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat = 'markdown';
}
