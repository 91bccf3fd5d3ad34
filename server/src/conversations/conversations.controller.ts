import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../common/domain-error.js';
import type { AuthUser } from '../users/auth-user.js';
import { CurrentUser } from '../users/current-user.decorator.js';
import { conversationToJson, conversationToMarkdown, exportFileName } from './conversation-export.js';
import { ConversationsService } from './conversations.service.js';
import { ConversationDto, ConversationPageDto, ConversationWithMessagesDto } from './dto/conversation.dto.js';
import { ExportQuery, GetConversationQuery, ListConversationsQuery, RenameConversationDto } from './dto/requests.dto.js';

const conversationId = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('VALIDATION_FAILED', 'id must be a UUID') });

@ApiTags('conversations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, invalid or expired token.' })
@Controller('conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  @ApiOkResponse({ type: ConversationPageDto, description: 'Your conversations, newest activity first.' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListConversationsQuery): Promise<ConversationPageDto> {
    return this.conversations.list(user.id, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ConversationWithMessagesDto })
  @ApiNotFoundResponse({ description: 'Not one of your conversations.' })
  get(@CurrentUser() user: AuthUser, @Param('id', conversationId) id: string, @Query() query: GetConversationQuery) {
    return this.conversations.getWithMessages(user.id, id, query);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ConversationDto })
  @ApiNotFoundResponse({ description: 'Not one of your conversations.' })
  rename(@CurrentUser() user: AuthUser, @Param('id', conversationId) id: string, @Body() body: RenameConversationDto) {
    return this.conversations.rename(user.id, id, body.title);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, with its messages.' })
  @ApiNotFoundResponse({ description: 'Not one of your conversations.' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', conversationId) id: string): Promise<void> {
    await this.conversations.remove(user.id, id);
  }

  @Get(':id/export')
  @ApiProduces('text/markdown', 'application/json')
  @ApiOkResponse({ description: 'The whole conversation as a download.' })
  @ApiNotFoundResponse({ description: 'Not one of your conversations.' })
  async export(@CurrentUser() user: AuthUser, @Param('id', conversationId) id: string, @Query() query: ExportQuery, @Res() reply: FastifyReply) {
    const { conversation, messages } = await this.conversations.allMessages(user.id, id);
    const [body, type, extension] =
      query.format === 'json'
        ? [conversationToJson(conversation, messages), 'application/json; charset=utf-8', 'json']
        : [conversationToMarkdown(conversation, messages), 'text/markdown; charset=utf-8', 'md'];
    await reply
      .header('content-type', type)
      .header('content-disposition', `attachment; filename="${exportFileName(conversation, extension)}"`)
      .send(body);
  }
}
