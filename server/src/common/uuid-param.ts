import { Param, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from './domain-error.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('VALIDATION_FAILED', 'id must be a UUID') });

/** The `:id` route parameter as a UUID: anything else is 400 VALIDATION_FAILED, before any query. */
export const UuidIdParam = () => Param('id', uuid);
