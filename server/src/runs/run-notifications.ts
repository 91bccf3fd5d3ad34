import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PgListener } from '../database/pg-listener.js';
import { RunHub } from './run-hub.js';
import { RUNS_CHANNEL } from './run.repository.js';
import { RunsService } from './runs.service.js';

/**
 * Runs across instances, through PostgreSQL LISTEN/NOTIFY: an instance that stores a run's events
 * notifies `e:<run>:<last id>[:f]` (listeners elsewhere read them from the table), and a stop
 * request for a run held elsewhere is `s:<run>`.
 */
@Injectable()
export class RunNotifications implements OnModuleInit {
  constructor(
    private readonly listener: PgListener,
    private readonly hub: RunHub,
    private readonly runs: RunsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listener.listen(RUNS_CHANNEL, {
      notify: (payload) => this.receive(payload),
      // Notices were lost while the connection was down: every listener here reads the table.
      resumed: () => {
        for (const runId of this.hub.followedRuns) this.hub.deliver(runId, { lastEventId: Number.MAX_SAFE_INTEGER, final: false });
      },
    });
  }

  private receive(payload: string): void {
    const [kind, runId, last, final] = payload.split(':');
    if (!runId) return;
    if (kind === 's') this.runs.stopLocal(runId);
    // A run held here has told its listeners already, from memory.
    else if (kind === 'e' && !this.runs.isLive(runId)) this.hub.deliver(runId, { lastEventId: Number(last), final: final === 'f' });
  }
}
