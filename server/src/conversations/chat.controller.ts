import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequireVerifiedEmail } from '../auth/verified-email.guard.js';
import type { RunFollower } from '../runs/run-follower.js';
import { RunsService } from '../runs/runs.service.js';
import type { AuthUser } from '../users/auth-user.js';
import { CurrentUser } from '../users/current-user.decorator.js';
import { ApiConversationIdParam, ConversationIdParam } from './conversation-id.param.js';
import { ChatService, type PreparedRun, type SendInput } from './chat.service.js';
import { AgentRunResultDto, ConversationDto, MessageDto, SourceDto } from './dto/conversation.dto.js';
import { RunAgentDto, SendMessageDto } from './dto/requests.dto.js';
import { RUN_STREAM_EVENT_SCHEMA, RUN_STREAM_EVENTS, type RunStreamEvents } from './dto/run-events.dto.js';
import { SseStream } from '../common/sse-stream.js';
import { UuidIdParam } from '../common/uuid-param.js';

/** The JSON result, or the stream of run events, as the request's Accept header chooses. */
const RUN_RESPONSE = {
  description: 'The result, or the stream of its events.',
  content: {
    'application/json': { schema: { $ref: getSchemaPath(AgentRunResultDto) } },
    'text/event-stream': { schema: { $ref: getSchemaPath(RUN_STREAM_EVENT_SCHEMA) } },
  },
};

const STREAM_DESCRIPTION =
  'With `Accept: text/event-stream` the answer streams as server-sent events: `conversation`, then `delta`s, `sources`, and `done` or `error` (see docs/api.md). Otherwise one JSON result once the agent is done; a failed run is still a 200 whose `assistantMessage.status` is `error`.';

@ApiTags('chat')
@ApiBearerAuth()
@ApiExtraModels(AgentRunResultDto, ...Object.values(RUN_STREAM_EVENTS))
@ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a malformed body or id, or a message longer than MESSAGE_MAX_LENGTH.' })
@ApiUnauthorizedResponse({ description: 'Missing, invalid or expired token.' })
@ApiConflictResponse({ description: 'RUN_IN_PROGRESS: a retried send (same clientMessageId) whose answer is still streaming.' })
@ApiTooManyRequestsResponse({ description: 'Agent-run rate limit reached; see Retry-After.' })
@RequireVerifiedEmail()
@Controller()
export class ChatController {
  constructor(
    private readonly chat: ChatService,
    private readonly runs: RunsService,
  ) {}

  @Post('agents/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a message to the agent, in a new or an existing conversation', description: STREAM_DESCRIPTION })
  @ApiOkResponse(RUN_RESPONSE)
  @ApiNotFoundResponse({ description: 'conversationId is not one of yours.' })
  run(@CurrentUser() user: AuthUser, @Body() body: RunAgentDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.respond(user, body, request, reply);
  }

  @Post('conversations/:id/messages')
  @ApiConversationIdParam()
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a message in an existing conversation', description: STREAM_DESCRIPTION })
  @ApiBody({ type: SendMessageDto })
  @ApiOkResponse(RUN_RESPONSE)
  @ApiNotFoundResponse({ description: 'Not one of your conversations.' })
  post(
    @CurrentUser() user: AuthUser,
    @ConversationIdParam() id: string,
    @Body() body: SendMessageDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.respond(user, { ...body, conversationId: id }, request, reply);
  }

  @Post('runs/:id/continue')
  @HttpCode(200)
  @ApiParam({ name: 'id', format: 'uuid', description: 'One of your runs, `interrupted` or `stopped`, the latest of its answer.' })
  @ApiOperation({
    summary: 'Continue a cut answer',
    description: `The agent is handed the answer so far and goes on from it, as a new run of the same answer: the \`conversation\` event names the new run and the same \`assistantMessageId\`, and the deltas are to be appended to the answer's text so far. ${STREAM_DESCRIPTION}`,
  })
  @ApiOkResponse(RUN_RESPONSE)
  @ApiNotFoundResponse({ description: 'RUN_NOT_FOUND: not one of your runs.' })
  @ApiConflictResponse({ description: 'RUN_NOT_CONTINUABLE: the run is not interrupted or stopped, or a later run wrote its answer.' })
  async continueRun(@CurrentUser() user: AuthUser, @UuidIdParam() id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.reply(await this.chat.prepareContinue(user, id), request, reply);
  }

  private async respond(user: AuthUser, input: SendInput, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    // Errors up to here (validation, 404, 429) are ordinary JSON errors; nothing was stored.
    await this.reply(await this.chat.prepare(user, input), request, reply);
  }

  private async reply(run: PreparedRun, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (/\btext\/event-stream\b/.test(request.headers.accept ?? '')) this.stream(run, reply);
    else await reply.send(await this.answer(run));
  }

  private async answer(run: PreparedRun): Promise<AgentRunResultDto> {
    // A JSON client that goes away cannot be told anything; the answer is stored regardless.
    const assistantMessage = run.replay ? run.assistantMessage : await this.chat.execute(run);
    return {
      conversation: ConversationDto.from(run.conversation),
      userMessage: MessageDto.from(run.userMessage),
      assistantMessage: MessageDto.from(assistantMessage),
    };
  }

  private stream(run: PreparedRun, reply: FastifyReply): void {
    if (run.replay) return this.replay(run, reply);
    let follower: RunFollower | undefined;
    // A client that leaves stops listening; the run goes on, and GET /runs/:id/events picks it up.
    const sse = new SseStream<RunStreamEvents>(reply, () => follower?.close());
    // Listening before the run's first event, so every event comes from memory, once stored.
    follower = this.runs.attach(run.runId!, { send: (event) => sse.sendFrame(event.id, event.event as keyof RunStreamEvents, event.data), end: () => sse.end() });
    this.chat.executeDetached(run);
  }

  /** A retried send whose answer is complete already: the stored answer, as a stream. */
  private replay(run: PreparedRun, reply: FastifyReply): void {
    const sse = new SseStream<RunStreamEvents>(reply, () => undefined);
    const messageId = run.assistantMessage.id;
    sse.send('conversation', {
      conversation: ConversationDto.from(run.conversation),
      userMessage: MessageDto.from(run.userMessage),
      assistantMessageId: messageId,
      runId: run.runId,
    });
    sse.send('delta', { messageId, text: run.assistantMessage.content });
    sse.send('sources', { messageId, sources: SourceDto.list(run.assistantMessage.sources) });
    sse.send('done', { message: MessageDto.from(run.assistantMessage) });
    sse.end();
  }
}
