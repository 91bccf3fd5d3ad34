import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { DomainError } from '../common/domain-error.js';
import { MessageFeedbackDto } from '../conversations/dto/conversation.dto.js';
import type { AuthUser } from '../users/auth-user.js';
import { CurrentUser } from '../users/current-user.decorator.js';
import { RateMessageDto } from './dto/rate-message.dto.js';
import { FeedbackService } from './feedback.service.js';

const messageId = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('VALIDATION_FAILED', 'id must be a UUID') });

@ApiTags('feedback')
@ApiBearerAuth()
@ApiParam({ name: 'id', format: 'uuid', description: 'One of your answers (an assistant message).' })
@ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a malformed id or body, or a reason with a thumbs up.' })
@ApiUnauthorizedResponse({ description: 'Missing, invalid or expired token.' })
@ApiNotFoundResponse({ description: 'MESSAGE_NOT_FOUND: not one of your messages.' })
@Controller('messages/:id/feedback')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Put()
  @ApiOkResponse({ type: MessageFeedbackDto, description: 'Stored; it replaces your earlier feedback on this answer.' })
  @ApiConflictResponse({ description: 'MESSAGE_NOT_RATEABLE: a message of yours, or an answer still streaming or failed.' })
  rate(@CurrentUser() user: AuthUser, @Param('id', messageId) id: string, @Body() body: RateMessageDto): Promise<MessageFeedbackDto> {
    return this.feedback.rate(user.id, id, body);
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Your feedback on this answer is gone (or there was none).' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', messageId) id: string): Promise<void> {
    await this.feedback.remove(user.id, id);
  }
}
