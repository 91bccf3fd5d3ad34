import { ApiProperty } from '@nestjs/swagger';
import type { RunRecord } from '../run.repository.js';
import { RUN_STATUSES, type RunStatus } from '../run-event.js';

export class RunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) conversationId!: string;
  @ApiProperty({ format: 'uuid', description: 'The assistant message the run writes.' }) messageId!: string;
  @ApiProperty({
    enum: RUN_STATUSES,
    description: '`running` until it ends; `interrupted` when its server went away mid-answer (POST /runs/{id}/continue goes on from the partial answer).',
  })
  status!: RunStatus;
  @ApiProperty({ description: 'The id of the last event stored; a `Last-Event-ID` may be at most this.' }) lastEventId!: number;

  static from(run: RunRecord): RunDto {
    return { id: run.id, conversationId: run.conversationId, messageId: run.messageId, status: run.status, lastEventId: run.lastEventId };
  }
}
