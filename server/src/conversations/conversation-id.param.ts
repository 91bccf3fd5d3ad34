import { ApiParam } from '@nestjs/swagger';
import { UuidIdParam } from '../common/uuid-param.js';

/** The `:id` route parameter, a conversation id: anything but a UUID is 400 VALIDATION_FAILED. */
export const ConversationIdParam = UuidIdParam;

/** Documents `:id` as what ConversationIdParam accepts (a method decorator; Nest's Param cannot). */
export const ApiConversationIdParam = () => ApiParam({ name: 'id', format: 'uuid', description: 'One of your conversations.' });
