import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { ChatController } from './chat.controller.js';
import { ChatService } from './chat.service.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationsService } from './conversations.service.js';

@Module({
  imports: [AgentsModule, RateLimitModule],
  controllers: [ConversationsController, ChatController],
  providers: [ConversationsService, ChatService],
})
export class ConversationsModule {}
