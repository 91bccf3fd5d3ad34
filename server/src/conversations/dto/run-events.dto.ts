import { ApiProperty, getSchemaPath, type SchemaObject } from '@nestjs/swagger';
import { ConversationDto, MessageDto, SourceDto } from './conversation.dto.js';

export class RunConversationEventDto {
  @ApiProperty({ type: ConversationDto, description: 'The conversation, new or continued.' }) conversation!: ConversationDto;
  @ApiProperty({ type: MessageDto, description: 'The stored user message.' }) userMessage!: MessageDto;
  @ApiProperty({ format: 'uuid', description: 'The id the answer is stored under; later events name it.' }) assistantMessageId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The run writing the answer: GET /runs/{id}/events replays and follows it (from a `Last-Event-ID`), POST /runs/{id}/stop stops it. Null only when a retried send replays an answer stored before runs existed.',
  })
  runId!: string | null;
}

export class RunDeltaEventDto {
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty({ description: 'The next piece of the answer’s Markdown, to append.' }) text!: string;
}

export class RunSourcesEventDto {
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty({ type: [SourceDto], description: 'Every source of the answer so far (replaces earlier ones).' }) sources!: SourceDto[];
}

export class RunDoneEventDto {
  @ApiProperty({ type: MessageDto, description: 'The stored answer: `complete`, or `stopped` (POST /runs/{id}/stop) with the partial text. It holds the whole answer, also when the run used up its events (RUN_EVENTS_MAX) and stopped sending deltas.' })
  message!: MessageDto;
}

export class RunErrorEventDto {
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty({ example: 'AGENT_TIMEOUT', description: 'Same codes as error bodies; the partial answer is stored with it.' }) code!: string;
  @ApiProperty({ description: 'For people.' }) message!: string;
}

/**
 * The events of an agent run's stream, in the order sent: `conversation`, `delta`s and `sources`,
 * then `done` or `error`. SSE event name → the DTO its `data` holds. The one definition: the chat
 * controller sends through it, and the widget's types are generated from its schema.
 */
export const RUN_STREAM_EVENTS = {
  conversation: RunConversationEventDto,
  delta: RunDeltaEventDto,
  sources: RunSourcesEventDto,
  done: RunDoneEventDto,
  error: RunErrorEventDto,
} as const;

export type RunStreamEvents = { [Event in keyof typeof RUN_STREAM_EVENTS]: InstanceType<(typeof RUN_STREAM_EVENTS)[Event]> };

/** The schema name of one stream event (an SSE frame's `event` and parsed `data`). */
export const RUN_STREAM_EVENT_SCHEMA = 'AgentRunStreamEvent';

/** One SSE frame of the stream as a schema: `event` names which DTO `data` holds. Decorators cannot declare a union, so this is built. */
export function runStreamEventSchema(): SchemaObject {
  return {
    description: 'One server-sent event of an agent run: `event` is the SSE event name, `data` its JSON payload; frames also carry an increasing `id`.',
    oneOf: Object.entries(RUN_STREAM_EVENTS).map(([event, dto]) => ({
      type: 'object',
      required: ['event', 'data'],
      properties: { event: { type: 'string', enum: [event] }, data: { $ref: getSchemaPath(dto) } },
    })),
  };
}
