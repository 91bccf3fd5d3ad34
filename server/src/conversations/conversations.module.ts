import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentsModule } from '../agents/agents.module.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { ChatController } from './chat.controller.js';
import { Conversation } from './conversation.entity.js';
import { ChatService } from './chat.service.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationsService } from './conversations.service.js';
import { Message } from './message.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Conversation, Message]), AgentsModule, RateLimitModule],
  controllers: [ConversationsController, ChatController],
  providers: [ConversationsService, ChatService],
})
export class ConversationsModule {}
