import { Controller, Get, Headers, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SseStream } from '../common/sse-stream.js';
import { UuidIdParam } from '../common/uuid-param.js';
import type { AuthUser } from '../users/auth-user.js';
import { CurrentUser } from '../users/current-user.decorator.js';
import { RunDto } from './dto/run.dto.js';
import type { RunFollower } from './run-follower.js';
import { parseLastEventId } from './last-event-id.js';
import { RunsService } from './runs.service.js';

/** The schema of one stream event, registered by the chat controller's OpenAPI (see run-events.dto.ts). */
const STREAM_EVENT_SCHEMA = 'AgentRunStreamEvent';

const ApiRunIdParam = () => ApiParam({ name: 'id', format: 'uuid', description: 'One of your runs (the `runId` of a stream’s `conversation` event, or an answer’s `runId`).' });

@ApiTags('runs')
@ApiBearerAuth()
@ApiBadRequestResponse({ description: 'VALIDATION_FAILED: the id is not a UUID.' })
@ApiUnauthorizedResponse({ description: 'Missing, invalid or expired token.' })
@ApiNotFoundResponse({ description: 'RUN_NOT_FOUND: not one of your runs.' })
@Controller('runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Get(':id')
  @ApiRunIdParam()
  @ApiOperation({ summary: 'A run’s state' })
  @ApiOkResponse({ type: RunDto })
  async get(@CurrentUser() user: AuthUser, @UuidIdParam() id: string): Promise<RunDto> {
    return RunDto.from(await this.runs.get(user.id, id));
  }

  @Get(':id/events')
  @ApiRunIdParam()
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id (what EventSource sends on a reconnect).' })
  @ApiQuery({ name: 'lastEventId', required: false, type: String, description: 'The same, for clients that cannot set the header; the header wins.' })
  @ApiOperation({
    summary: 'Replay a run’s events, then follow it live',
    description:
      'Server-sent events, the same frames (and ids) as the stream that started the run: from the start, or after `Last-Event-ID`, then live until `done` or `error`, and the stream ends. A finished run replays and ends. Errors before the stream starts (INVALID_LAST_EVENT_ID, LAST_EVENT_ID_OUT_OF_RANGE, RUN_NOT_FOUND) are JSON.',
  })
  @ApiOkResponse({ description: 'The stream of the run’s events.', content: { 'text/event-stream': { schema: { $ref: getSchemaPath(STREAM_EVENT_SCHEMA) } } } })
  @ApiNoContentResponse({ description: 'The run is over and `Last-Event-ID` is its final event: nothing more will come (an EventSource stops reconnecting).' })
  @ApiBadRequestResponse({ description: 'INVALID_LAST_EVENT_ID (not a whole number ≥ 0), LAST_EVENT_ID_OUT_OF_RANGE (past the run’s last event), VALIDATION_FAILED (id).' })
  async events(
    @CurrentUser() user: AuthUser,
    @UuidIdParam() id: string,
    @Headers('last-event-id') header: unknown,
    @Query('lastEventId') query: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Checked before the stream opens, so a mistake is still a JSON error.
    const follow = await this.runs.openFollow(user.id, id, parseLastEventId(header, query));
    // Nothing more will come: 204 is what tells an EventSource to stop reconnecting.
    if (!follow) return void reply.status(204).send();
    let follower: RunFollower | undefined;
    // A client that leaves stops only its own listening; the run goes on.
    const sse = new SseStream<Record<string, unknown>>(reply, () => follower?.close());
    follower = follow({ send: (event) => sse.sendFrame(event.id, event.event, event.data), end: () => sse.end() });
    if (request.raw.destroyed) follower.close();
  }

  @Post(':id/stop')
  @HttpCode(200)
  @ApiRunIdParam()
  @ApiOperation({
    summary: 'Stop a run, from any tab or device',
    description:
      'Aborts the agent wherever it runs; the partial answer is stored with status `stopped` and every listener gets a final `done` event with it. Answers once that is stored. A run that is over is left as it is (200, its final state).',
  })
  @ApiOkResponse({ type: RunDto })
  async stop(@CurrentUser() user: AuthUser, @UuidIdParam() id: string): Promise<RunDto> {
    return RunDto.from(await this.runs.stop(user.id, id));
  }
}
