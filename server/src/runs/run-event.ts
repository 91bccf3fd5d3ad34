/** One logged event of a run, as an SSE frame carries it: `id`, `event` and `data` (JSON text, sent as stored). */
export interface RunEvent {
  id: number;
  event: string;
  data: string;
}

/** The events that end a run's stream: after one of them nothing more is sent. */
export const TERMINAL_EVENTS: ReadonlySet<string> = new Set(['done', 'error']);

export const RUN_STATUSES = ['running', 'complete', 'stopped', 'error', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** What a listener of a run is told: events are stored up to `lastEventId`, and here they are when this instance wrote them. */
export interface RunBatch {
  lastEventId: number;
  /** The events just stored, in order, when they were written here; absent when another instance wrote them. */
  events?: RunEvent[];
  /** The run's final event is among them. */
  final: boolean;
}

/** Aborts a run's agent when someone asks POST /runs/:id/stop (the signal's reason). */
export class RunStopped extends Error {
  constructor() {
    super('stopped by its user');
    this.name = 'RunStopped';
  }
}
