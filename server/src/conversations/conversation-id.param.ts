import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { DomainError } from '../common/domain-error.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('VALIDATION_FAILED', 'id must be a UUID') });

/** The `:id` route parameter, a conversation id: anything but a UUID is 400 VALIDATION_FAILED. */
export const ConversationIdParam = () => Param('id', uuid);

/** Documents `:id` as what ConversationIdParam accepts (a method decorator; Nest's Param cannot). */
export const ApiConversationIdParam = () => ApiParam({ name: 'id', format: 'uuid', description: 'One of your conversations.' });
