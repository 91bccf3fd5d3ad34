import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { MessageSource } from '../agents/agent-provider.js';
import { PG_POOL } from '../database/database.module.js';
import type { RunEvent, RunStatus } from './run-event.js';

/** The channel every instance LISTENs on: run events stored (`e:`) and stop requests (`s:`). */
export const RUNS_CHANNEL = 'agent_runs';

/** A run about to start: its id, and the instance that will hold it (see runInsert in message.repository.ts). */
export interface NewRun {
  id: string;
  instanceId: string;
  leaseSeconds: number;
}

export interface RunRecord {
  id: string;
  userId: string;
  conversationId: string;
  messageId: string;
  status: RunStatus;
  lastEventId: number;
}

interface RunRow {
  id: string;
  user_id: string;
  conversation_id: string;
  message_id: string;
  status: RunStatus;
  last_event_id: number;
}

/** How a run's answer is stored when it ends. */
export interface AnswerOutcome {
  messageId: string;
  content: string;
  sources: MessageSource[];
  status: string;
  errorCode: string | null;
}

/** The payload of a notification that a run's events are stored up to `lastEventId` (`:f` when its final event is among them). */
export const eventsNotice = (runId: string, lastEventId: number, final: boolean) => `e:${runId}:${lastEventId}${final ? ':f' : ''}`;

/** Marks the statements run on a timer, not by a request (the statement-count tests leave them out). */
export const UPKEEP = '/* runs:upkeep */';

/** Appends a batch of events ($2 ids, $3 names, $4 data) to run $1. */
const LOG_EVENTS = `logged AS (
    INSERT INTO run_events (run_id, seq, event, data) SELECT $1::uuid, e.seq, e.event, e.data FROM unnest($2::int[], $3::text[], $4::text[]) AS e(seq, event, data)
  )`;

/** Every statement this repository runs, by name; `queries/run.repository.sql` is their snapshot. */
export const runQueries = {
  findOwned: `SELECT r.id, r.user_id, r.conversation_id, r.message_id, r.status, r.last_event_id FROM runs r WHERE r.id = $1 AND r.user_id = $2`,
  eventsAfter: `SELECT e.seq AS id, e.event, e.data FROM run_events e WHERE e.run_id = $1 AND e.seq > $2 ORDER BY e.seq`,
  /** A batch of a running run's events, its new last id, and the notice to other instances, in one statement. */
  append: `WITH ${LOG_EVENTS}, moved AS (
    UPDATE runs SET last_event_id = $5 WHERE id = $1::uuid
  )
  SELECT pg_notify('${RUNS_CHANNEL}', $6)`,
  /**
   * The end of a run in one statement: its last events (the final one among them), its status,
   * its answer (unless a later run took the message over) and the conversation's activity.
   */
  finish: `WITH ${LOG_EVENTS}, finished AS (
    UPDATE runs SET last_event_id = $5, status = $7, finished_at = now() WHERE id = $1::uuid
  ), answer AS (
    UPDATE messages m SET content = $9, sources = $10::jsonb, status = $11, error_code = $12, updated_at = now()
    WHERE m.id = $8 AND m.run_id = $1::uuid RETURNING m.conversation_id
  ), touched AS (
    UPDATE conversations c SET last_message_at = greatest(c.last_message_at, now()) FROM answer WHERE c.id = answer.conversation_id
  )
  SELECT pg_notify('${RUNS_CHANNEL}', $6)`,
  requestStop: `SELECT pg_notify('${RUNS_CHANNEL}', $1)`,
  /** Renews this instance's hold on the runs it is running. */
  renewLeases: `${UPKEEP} UPDATE runs SET lease_until = now() + make_interval(secs => $3) WHERE instance_id = $1 AND id = ANY($2::uuid[]) AND status = 'running'`,
  /**
   * Runs whose instance is gone (its lease lapsed) become `interrupted`, in one statement: the
   * answer keeps the text its stored deltas hold (after what a continued answer had already), and
   * the run's log gains a final `error` event, notified so listeners anywhere end.
   */
  interruptOrphans: `${UPKEEP} WITH orphan AS (
    UPDATE runs r SET status = 'interrupted', finished_at = now(), last_event_id = r.last_event_id + 1
    WHERE r.status = 'running' AND r.lease_until < now()
    RETURNING r.id, r.message_id, r.last_event_id
  ), partial AS (
    SELECT o.id, o.message_id, o.last_event_id,
      coalesce(string_agg((e.data::json) ->> 'text', '' ORDER BY e.seq) FILTER (WHERE e.event = 'delta'), '') AS content,
      (array_agg(e.data ORDER BY e.seq DESC) FILTER (WHERE e.event = 'sources'))[1] AS sources
    FROM orphan o LEFT JOIN run_events e ON e.run_id = o.id
    GROUP BY o.id, o.message_id, o.last_event_id
  ), answer AS (
    UPDATE messages m SET content = m.content || partial.content, sources = coalesce((partial.sources::jsonb) -> 'sources', m.sources),
      status = 'interrupted', updated_at = now()
    FROM partial WHERE m.id = partial.message_id AND m.run_id = partial.id AND m.status = 'streaming'
  ), logged AS (
    INSERT INTO run_events (run_id, seq, event, data)
    SELECT id, last_event_id, 'error', json_build_object('messageId', message_id, 'code', 'RUN_INTERRUPTED', 'message', $1::text)::text FROM partial
  )
  SELECT id, last_event_id, pg_notify('${RUNS_CHANNEL}', 'e:' || id || ':' || last_event_id || ':f') FROM partial`,
  /** Finished runs past the retention window keep only their final event (the whole answer is in it, and in messages). */
  compact: `${UPKEEP} WITH old AS (
    UPDATE runs SET events_compacted = true
    WHERE finished_at IS NOT NULL AND NOT events_compacted AND finished_at < now() - make_interval(mins => $1)
    RETURNING id, last_event_id
  )
  DELETE FROM run_events e USING old WHERE e.run_id = old.id AND e.seq < old.last_event_id`,
} as const;

/** The error event's text when a run's instance died mid-answer. */
export const ORPHAN_MESSAGE = 'The server stopped mid-answer; the partial answer is kept and can be continued.';

function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    userId: row.user_id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    status: row.status,
    lastEventId: row.last_event_id,
  };
}

const columns = (events: RunEvent[]) => [events.map((e) => e.id), events.map((e) => e.event), events.map((e) => e.data)];

/** All SQL on `runs` and `run_events`. */
@Injectable()
export class RunRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async findOwned(userId: string, runId: string): Promise<RunRecord | undefined> {
    const { rows } = await this.pool.query<RunRow>(runQueries.findOwned, [runId, userId]);
    return rows[0] && toRun(rows[0]);
  }

  /** The run's stored events after `after`, in order. */
  async eventsAfter(runId: string, after: number): Promise<RunEvent[]> {
    const { rows } = await this.pool.query<RunEvent>(runQueries.eventsAfter, [runId, after]);
    return rows;
  }

  async append(runId: string, events: RunEvent[]): Promise<void> {
    const last = events[events.length - 1]!.id;
    await this.pool.query(runQueries.append, [runId, ...columns(events), last, eventsNotice(runId, last, false)]);
  }

  async finish(runId: string, events: RunEvent[], status: RunStatus, answer: AnswerOutcome): Promise<void> {
    const last = events[events.length - 1]!.id;
    await this.pool.query(runQueries.finish, [
      runId,
      ...columns(events),
      last,
      eventsNotice(runId, last, true),
      status,
      answer.messageId,
      answer.content,
      JSON.stringify(answer.sources),
      answer.status,
      answer.errorCode,
    ]);
  }

  async renewLeases(instanceId: string, runIds: string[], leaseSeconds: number): Promise<void> {
    await this.pool.query(runQueries.renewLeases, [instanceId, runIds, leaseSeconds]);
  }

  /** Marks the runs of dead instances interrupted; returns them with their final event's id. */
  async interruptOrphans(): Promise<Array<{ id: string; lastEventId: number }>> {
    const { rows } = await this.pool.query<{ id: string; last_event_id: number }>(runQueries.interruptOrphans, [ORPHAN_MESSAGE]);
    return rows.map((row) => ({ id: row.id, lastEventId: row.last_event_id }));
  }

  /** Compacts the logs of runs finished more than `minutes` ago; returns how many events went. */
  async compact(minutes: number): Promise<number> {
    return (await this.pool.query(runQueries.compact, [minutes])).rowCount ?? 0;
  }

  /** Tells every instance (the one running it among them) to stop the run. */
  async requestStop(runId: string): Promise<void> {
    await this.pool.query(runQueries.requestStop, [`s:${runId}`]);
  }
}
