import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { FEEDBACK_COMMENT_MAX_LENGTH, FEEDBACK_RATINGS, FEEDBACK_REASONS, type FeedbackRating, type FeedbackReason } from '../message-feedback.entity.js';

/** PUT /messages/:id/feedback: a thumbs up or down, and for a thumbs down why. */
export class RateMessageDto {
  @ApiProperty({ enum: FEEDBACK_RATINGS })
  @IsIn(FEEDBACK_RATINGS)
  rating!: FeedbackRating;

  @ApiPropertyOptional({ enum: FEEDBACK_REASONS, description: 'Why the answer was rated down; only with `"rating": "down"`.' })
  @IsOptional()
  @IsIn(FEEDBACK_REASONS)
  reason?: FeedbackReason;

  @ApiPropertyOptional({ maxLength: FEEDBACK_COMMENT_MAX_LENGTH, description: 'Free text for the site owner; blank counts as none.' })
  @IsOptional()
  @IsString()
  @MaxLength(FEEDBACK_COMMENT_MAX_LENGTH)
  comment?: string;
}
