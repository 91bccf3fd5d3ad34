import { Conversation } from '../conversations/conversation.entity.js';
import { Message } from '../conversations/message.entity.js';
import { Chunk } from '../knowledge/chunk.entity.js';
import { KnowledgeDocument } from '../knowledge/document.entity.js';
import { User } from '../users/user.entity.js';

/** Every TypeORM entity, listed once for the app, the CLI and the tests. */
export const entities = [User, Conversation, Message, KnowledgeDocument, Chunk];
