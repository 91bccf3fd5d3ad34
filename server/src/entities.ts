import { AdminAuditEntry } from './admin/admin-audit-entry.entity.js';
import { Conversation } from './conversations/conversation.entity.js';
import { Message } from './conversations/message.entity.js';
import { MessageFeedback } from './feedback/message-feedback.entity.js';
import { Chunk } from './knowledge/chunk.entity.js';
import { KnowledgeDocument } from './knowledge/document.entity.js';
import { User } from './users/user.entity.js';

/**
 * Every TypeORM entity. The app registers them module by module; `migration:generate` (ormconfig.ts)
 * and the migrations spec compare all of them with the migrated schema.
 */
export const ALL_ENTITIES = [User, Conversation, Message, MessageFeedback, KnowledgeDocument, Chunk, AdminAuditEntry];
