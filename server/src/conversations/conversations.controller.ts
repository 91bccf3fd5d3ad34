import { Body, Controller, Delete, Get, HttpCode, Patch, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../users/auth-user.js';
import { CurrentUser } from '../users/current-user.decorator.js';
import { ApiConversationIdParam, ConversationIdParam } from './conversation-id.param.js';
import { ConversationsService } from './conversations.service.js';
import { ConversationDto, ConversationExportDto, ConversationPageDto, ConversationWithMessagesDto } from './dto/conversation.dto.js';
import { ExportQuery, GetConversationQuery, ListConversationsQuery, RenameConversationDto } from './dto/requests.dto.js';

@ApiTags('conversations')
@ApiBearerAuth()
@ApiExtraModels(ConversationExportDto)
@ApiBadRequestResponse({ description: 'VALIDATION_FAILED (a malformed id, query or body) or INVALID_CURSOR.' })
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
  @ApiConversationIdParam()
  @ApiOkResponse({ type: ConversationWithMessagesDto })
  @ApiNotFoundResponse({ description: 'Not one of your conversations.' })
  get(@CurrentUser() user: AuthUser, @ConversationIdParam() id: string, @Query() query: GetConversationQuery) {
    return this.conversations.getWithMessages(user.id, id, query);
  }

  @Patch(':id')
  @ApiConversationIdParam()
  @ApiOkResponse({ type: ConversationDto })
  @ApiNotFoundResponse({ description: 'Not one of your conversations.' })
  rename(@CurrentUser() user: AuthUser, @ConversationIdParam() id: string, @Body() body: RenameConversationDto) {
    return this.conversations.rename(user.id, id, body.title);
  }

  @Delete(':id')
  @ApiConversationIdParam()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, with its messages.' })
  @ApiNotFoundResponse({ description: 'Not one of your conversations.' })
  async remove(@CurrentUser() user: AuthUser, @ConversationIdParam() id: string): Promise<void> {
    await this.conversations.remove(user.id, id);
  }

  @Get(':id/export')
  @ApiConversationIdParam()
  @ApiOkResponse({
    description: 'The whole conversation as a download (Content-Disposition: attachment).',
    content: {
      'text/markdown': { schema: { type: 'string' } },
      'application/json': { schema: { $ref: getSchemaPath(ConversationExportDto) } },
    },
  })
  @ApiNotFoundResponse({ description: 'Not one of your conversations.' })
  async export(@CurrentUser() user: AuthUser, @ConversationIdParam() id: string, @Query() query: ExportQuery, @Res() reply: FastifyReply) {
    const { body, contentType, fileName } = await this.conversations.export(user.id, id, query.format);
    await reply
      .header('content-type', contentType)
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .send(body);
  }
}
