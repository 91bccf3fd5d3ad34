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
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AGENT_ERROR_CODES, type AgentErrorCode } from '../agents/agent-provider.js';
import { RequireVerifiedEmail } from '../auth/verified-email.guard.js';
import { toErrorResponse } from '../common/error-response.js';
import type { AuthUser } from '../users/auth-user.js';
import { CurrentUser } from '../users/current-user.decorator.js';
import { ApiConversationIdParam, ConversationIdParam } from './conversation-id.param.js';
import { ChatService, type PreparedRun, type SendInput } from './chat.service.js';
import { AgentRunResultDto, ConversationDto, MessageDto, SourceDto } from './dto/conversation.dto.js';
import { RunAgentDto, SendMessageDto } from './dto/requests.dto.js';
import { RUN_STREAM_EVENT_SCHEMA, RUN_STREAM_EVENTS, type RunStreamEvents } from './dto/run-events.dto.js';
import { SseStream } from './sse-stream.js';

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
  constructor(private readonly chat: ChatService) {}

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

  private async respond(user: AuthUser, input: SendInput, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    // Errors up to here (validation, 404, 429) are ordinary JSON errors; nothing was stored.
    const run = await this.chat.prepare(user.id, input);
    if (/\btext\/event-stream\b/.test(request.headers.accept ?? '')) await this.stream(run, request, reply);
    else await reply.send(await this.answer(run));
  }

  private async answer(run: PreparedRun): Promise<AgentRunResultDto> {
    // A JSON client that goes away cannot be told anything; the answer is stored regardless.
    const assistantMessage = run.replay ? run.assistantMessage : await this.chat.execute(run, new AbortController().signal, () => undefined);
    return {
      conversation: ConversationDto.from(run.conversation),
      userMessage: MessageDto.from(run.userMessage),
      assistantMessage: MessageDto.from(assistantMessage),
    };
  }

  private async stream(run: PreparedRun, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const abort = new AbortController();
    const sse = new SseStream<RunStreamEvents>(reply, () => abort.abort());
    const messageId = run.assistantMessage.id;
    sse.send('conversation', {
      conversation: ConversationDto.from(run.conversation),
      userMessage: MessageDto.from(run.userMessage),
      assistantMessageId: messageId,
    });
    try {
      if (run.replay) {
        sse.send('delta', { messageId, text: run.assistantMessage.content });
        sse.send('sources', { messageId, sources: SourceDto.list(run.assistantMessage.sources) });
        sse.send('done', { message: MessageDto.from(run.assistantMessage) });
        return;
      }
      const stored = await this.chat.execute(run, abort.signal, (event) => {
        if (event.type === 'delta') sse.send('delta', { messageId, text: event.text });
        else sse.send('sources', { messageId, sources: SourceDto.list(event.sources) });
      });
      if (stored.status === 'complete') sse.send('done', { message: MessageDto.from(stored) });
      else if (stored.status === 'error') {
        const code = stored.errorCode ?? 'AGENT_FAILED';
        sse.send('error', { messageId, code, message: agentErrorMessage(code) });
      } else if (!abort.signal.aborted) {
        // Interrupted, and not by the client: the server is shutting down. The partial answer is stored.
        sse.send('error', { messageId, code: 'SHUTTING_DOWN', message: 'The server restarted mid-answer; send the message again.' });
      }
    } catch (error) {
      // Storing the outcome failed (database gone): say so on the stream, whose status is already 200.
      const { body } = toErrorResponse(error, String(request.id));
      sse.send('error', { messageId, code: body.code, message: body.message });
    } finally {
      sse.end();
    }
  }
}

function agentErrorMessage(code: string): string {
  return code in AGENT_ERROR_CODES ? AGENT_ERROR_CODES[code as AgentErrorCode] : AGENT_ERROR_CODES.AGENT_FAILED;
}
