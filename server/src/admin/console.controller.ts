import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiConversationIdParam, ConversationIdParam } from '../conversations/conversation-id.param.js';
import type { AuthUser } from '../users/auth-user.js';
import { CurrentUser } from '../users/current-user.decorator.js';
import { RequireAdmin } from './admin-role.guard.js';
import { ConsoleService, type Panel } from './console.service.js';
import { ActivityDto, AuditLogDto, ConsoleConversationDto, ConsoleSettingsDto, DocumentsDto, RatedDownDto, UnansweredDto } from './dto/console.dto.js';
import { ConsoleRangeQuery } from './dto/console-query.dto.js';

/** The site owner's console API (the page is served at /admin). Admins only; every list also as CSV. */
@ApiTags('console')
@ApiBearerAuth()
@ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a malformed date, range or format.' })
@ApiUnauthorizedResponse({ description: 'Missing, invalid or expired token.' })
@RequireAdmin()
@Controller('admin/api')
export class ConsoleController {
  constructor(private readonly console: ConsoleService) {}

  @Get('settings')
  @ApiOkResponse({ type: ConsoleSettingsDto, description: 'Who is signed in, and the settings the panels follow.' })
  settings(@CurrentUser() user: AuthUser): ConsoleSettingsDto {
    return this.console.consoleSettings(user);
  }

  @Get('activity')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ActivityDto, description: 'Conversations started, questions and answers per UTC day.' })
  async activity(@Query() query: ConsoleRangeQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, query, await this.console.activity(query));
  }

  @Get('unanswered')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: UnansweredDto, description: 'Answers with no source, a low score or a thumbs down, grouped by the wording of their question.' })
  async unanswered(@Query() query: ConsoleRangeQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, query, await this.console.unanswered(query));
  }

  @Get('rated-down')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: RatedDownDto, description: 'Answers rated down, with the reason and comment.' })
  async ratedDown(@Query() query: ConsoleRangeQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, query, await this.console.ratedDown(query));
  }

  @Get('documents/top-cited')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DocumentsDto, description: 'Knowledge-base documents most cited in answers, most first.' })
  async topCited(@Query() query: ConsoleRangeQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, query, await this.console.topCitedDocuments(query));
  }

  @Get('documents/never-cited')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DocumentsDto, description: 'Knowledge-base documents no answer of the range cited.' })
  async neverCited(@Query() query: ConsoleRangeQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, query, await this.console.uncitedDocuments(query));
  }

  @Get('audit-log')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AuditLogDto, description: 'Who opened which conversation in the console, and when.' })
  async auditLog(@Query() query: ConsoleRangeQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, query, await this.console.auditLog(query));
  }

  @Get('conversations/:id')
  @ApiConversationIdParam()
  @ApiOkResponse({ type: ConsoleConversationDto, description: 'Any conversation, read-only; the view is written to the audit log.' })
  @ApiNotFoundResponse({ description: 'CONVERSATION_NOT_FOUND.' })
  conversation(@CurrentUser() user: AuthUser, @ConversationIdParam() id: string): Promise<ConsoleConversationDto> {
    return this.console.conversation(user, id);
  }
}

/** The panel's JSON body, or with `?format=csv` the same list as a CSV download. */
function send<Body>(reply: FastifyReply, query: ConsoleRangeQuery, panel: Panel<Body>): Body | string {
  if (query.format !== 'csv') return panel.body;
  void reply.header('content-type', 'text/csv; charset=utf-8');
  void reply.header('content-disposition', `attachment; filename="${panel.name}.csv"`);
  return panel.csv();
}
