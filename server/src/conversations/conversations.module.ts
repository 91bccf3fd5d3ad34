import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentsModule } from '../agents/agents.module.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { RunsModule } from '../runs/runs.module.js';
import { ChatController } from './chat.controller.js';
import { Conversation } from './conversation.entity.js';
import { ConversationRepository } from './conversation.repository.js';
import { ChatService } from './chat.service.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationsService } from './conversations.service.js';
import { Message } from './message.entity.js';
import { MessageRepository } from './message.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([Conversation, Message]), AgentsModule, RateLimitModule, RunsModule],
  controllers: [ConversationsController, ChatController],
  providers: [ConversationRepository, MessageRepository, ConversationsService, ChatService],
  exports: [ConversationsService],
})
export class ConversationsModule {}
