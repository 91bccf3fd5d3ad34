import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { MessageFeedbackDto } from '../conversations/dto/conversation.dto.js';
import type { RateMessageDto } from './dto/rate-message.dto.js';
import { FeedbackRepository } from './feedback.repository.js';

/** Users' ratings of the answers they were given: one per answer, theirs only. */
@Injectable()
export class FeedbackService {
  constructor(private readonly feedback: FeedbackRepository) {}

  async rate(userId: string, messageId: string, input: RateMessageDto): Promise<MessageFeedbackDto> {
    if (input.reason && input.rating !== 'down') throw new DomainError('VALIDATION_FAILED', 'reason is only for a thumbs down');
    const comment = input.comment?.trim() || null;
    const stored = await this.feedback.upsert(userId, messageId, { rating: input.rating, reason: input.reason ?? null, comment });
    if (stored) return MessageFeedbackDto.from(stored);
    const message = await this.feedback.messageState(userId, messageId);
    if (!message) throw notFound();
    if (message.role !== 'assistant') throw new DomainError('MESSAGE_NOT_RATEABLE', 'Only answers can be rated, not your own messages.');
    throw new DomainError('MESSAGE_NOT_RATEABLE', `This answer cannot be rated while it is ${message.status === 'streaming' ? 'still being written' : 'unfinished'}.`);
  }

  async remove(userId: string, messageId: string): Promise<void> {
    if (!(await this.feedback.remove(userId, messageId))) throw notFound();
  }
}

function notFound(): DomainError {
  return new DomainError('MESSAGE_NOT_FOUND', 'Message not found');
}
