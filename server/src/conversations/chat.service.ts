import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Pool, PoolClient } from 'pg';
import { AGENT_ERROR_CODES, AgentError, type AgentErrorCode, type AgentProvider, type AgentTurn, type MessageSource, type PageContext } from '../agents/agent-provider.js';
import { AGENT_PROVIDER } from '../agents/agents.module.js';
import { DomainError } from '../common/domain-error.js';
import { ROOT_LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PG_POOL } from '../database/database.module.js';
import { inTransaction } from '../database/transaction.js';
import { GracefulShutdown } from '../lifecycle/graceful-shutdown.js';
import { AppMetrics } from '../metrics/app-metrics.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { RunStatus } from '../runs/run-event.js';
import type { NewRun } from '../runs/run.repository.js';
import { RunsService } from '../runs/runs.service.js';
import { toErrorResponse } from '../common/error-response.js';
import { ConversationDto, MessageDto, SourceDto } from './dto/conversation.dto.js';
import type { RunStreamEvents } from './dto/run-events.dto.js';
import type { AuthUser } from '../users/auth-user.js';
import { ConversationRepository, type ConversationRecord } from './conversation.repository.js';
import { titleFromMessage } from './conversation-title.js';
import type { MessageStatus } from './message.entity.js';
import { type MessageRecord, MessageRepository, type StartedRun } from './message.repository.js';

/** Turns of context handed to the agent. */
const HISTORY_TURNS = 20;
/** A `streaming` answer untouched this long belongs to a run that died; a retry may take it over. */
const STALE_RUN_MS = 5 * 60 * 1000;

export interface SendInput {
  message: string;
  conversationId?: string;
  clientMessageId?: string;
  /** Where the message was sent from; stored with it. */
  context?: PageContext;
}

/** A run ready to go: the user message is stored, the answer row exists. */
export interface PreparedRun {
  conversation: ConversationRecord;
  userMessage: MessageRecord;
  assistantMessage: MessageRecord;
  /** The run writing the answer (for a replay, the one that wrote it; null for answers older than runs). */
  runId: string | null;
  /** The answer was already complete (a retry of a finished run): nothing to run. */
  replay: boolean;
  history: AgentTurn[];
}

/**
 * The chat pipeline: store the user's message first, then run the agent, then store the answer
 * with its sources, its error, or the part that was streamed before the client left.
 *
 * Round trips are the cost of a run: a new send is the rate-limit hit, one statement storing the
 * user message and the answer row (MessageRepository.startRun*), and for an existing conversation
 * the history; the outcome is one statement. Retries take a slower, transactional path.
 */
@Injectable()
export class ChatService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
    @Inject(AGENT_PROVIDER) private readonly agent: AgentProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly rateLimiter: RateLimiter,
    private readonly metrics: AppMetrics,
    private readonly shutdown: GracefulShutdown,
    private readonly runs: RunsService,
  ) {}

  async prepare(user: Pick<AuthUser, 'id' | 'isGuest'>, input: SendInput): Promise<PreparedRun> {
    const userId = user.id;
    const max = this.config.chat.messageMaxLength;
    if ([...input.message].length > max) throw new DomainError('VALIDATION_FAILED', `message must be at most ${max} characters`);
    await this.consumeAgentRun(user);

    const clientMessageId = input.clientMessageId ?? null;
    const context = input.context ?? null;
    const run = this.runs.newRun();
    if (input.conversationId) {
      const result = await this.messages.startRunInConversation(userId, input.conversationId, input.message, clientMessageId, context, run);
      if (!result.found) throw notFound();
      if (result.started) return this.ready(result.started, await this.messages.history(input.conversationId, result.started.userMessage.id, HISTORY_TURNS));
    } else {
      const started = await this.messages.startRunInNewConversation(userId, titleFromMessage(input.message), input.message, clientMessageId, context, run);
      // A new conversation has no history.
      if (started) return this.ready(started, []);
    }
    // This client message id is stored already: a retry.
    const prepared = await this.retry(userId, input, clientMessageId!, run);
    if (!prepared.replay) prepared.history = await this.messages.history(prepared.conversation.id, prepared.userMessage.id, HISTORY_TURNS);
    return prepared;
  }

  /**
   * Continues an `interrupted` or `stopped` answer: a new run of the same answer, whose agent is
   * handed the text so far and whose deltas are appended to it.
   */
  /** Guests cost nothing to make, so they get their own, lower, budget (GUEST_AGENT_RATE_LIMIT). */
  private consumeAgentRun(user: Pick<AuthUser, 'id' | 'isGuest'>): Promise<void> {
    return this.rateLimiter.consume(`agent-run:${user.id}`, user.isGuest ? this.config.guests.rateLimit : this.config.chat.rateLimit);
  }

  async prepareContinue(user: Pick<AuthUser, 'id' | 'isGuest'>, previousRunId: string): Promise<PreparedRun> {
    const userId = user.id;
    await this.consumeAgentRun(user);
    const resumed = await this.messages.resumeAnswer(userId, previousRunId, this.runs.newRun());
    if (!resumed) throw new DomainError('RUN_NOT_FOUND', 'Run not found');
    if (!resumed.started) throw new DomainError('RUN_NOT_CONTINUABLE', 'Only the latest run of an answer, interrupted or stopped, can be continued.');
    const { started } = resumed;
    return this.ready(started, await this.messages.history(started.conversation.id, started.userMessage.id, HISTORY_TURNS));
  }

  /**
   * Runs the agent as the run `run.runId`: each event is numbered and stored (and so reaches every
   * listener of the run, on any instance), and the outcome is stored with the final event. Never
   * throws for an agent failure: the answer is stored with status `error` and returned. A stop
   * request stores the partial answer as `stopped`; a shutdown as `interrupted`.
   */
  async execute(run: PreparedRun): Promise<MessageRecord> {
    const recorder = this.runs.record(run.runId!);
    // A shutdown cuts the run: what was streamed is kept as `interrupted`.
    const tracked = this.shutdown.track();
    const signal = AbortSignal.any([recorder.signal, tracked.signal]);
    const messageId = run.assistantMessage.id;
    const emit = <Event extends keyof RunStreamEvents>(event: Event, data: RunStreamEvents[Event]) => recorder.emit(event, data);
    emit('conversation', {
      conversation: ConversationDto.from(run.conversation),
      userMessage: MessageDto.from(run.userMessage),
      assistantMessageId: messageId,
      runId: run.runId,
    });
    const started = performance.now();
    let firstToken = true;
    // A continued answer starts from its text so far (a new one from nothing).
    const partialAnswer = run.assistantMessage.content;
    let content = partialAnswer;
    let sources: MessageSource[] = run.assistantMessage.sources;
    let status: MessageStatus = 'complete';
    let errorCode: string | null = null;
    try {
      const events = this.agent.run({
        message: run.userMessage.content,
        history: run.history,
        signal,
        conversationId: run.conversation.id,
        userId: run.conversation.userId,
        // The context stored with the message, so a retry tells the agent what the first try did.
        ...(run.userMessage.pageContext ? { context: run.userMessage.pageContext } : {}),
        ...(partialAnswer ? { partialAnswer } : {}),
      });
      for await (const event of events) {
        if (signal.aborted) break;
        if (event.type === 'delta' && firstToken) {
          firstToken = false;
          this.metrics.observeTimeToFirstToken(this.agent.id, (performance.now() - started) / 1000);
        }
        if (event.type === 'delta') {
          content += event.text;
          emit('delta', { messageId, text: event.text });
        } else {
          sources = event.sources;
          emit('sources', { messageId, sources: SourceDto.list(sources) });
        }
      }
      if (signal.aborted) status = abortedStatus(recorder.signal);
    } catch (error) {
      if (signal.aborted) status = abortedStatus(recorder.signal);
      else {
        status = 'error';
        errorCode = error instanceof AgentError ? error.code : 'AGENT_FAILED';
        this.logger.warn({ err: error, agent: this.agent.id, conversationId: run.conversation.id, errorCode }, 'agent run failed');
      }
    }
    this.metrics.countAgentRun(this.agent.id, status);
    const stored: MessageRecord = { ...run.assistantMessage, content, sources, status, errorCode, updatedAt: new Date() };
    try {
      await recorder.finish(finalEvent(stored), RUN_STATUS[status], { messageId, content, sources, status, errorCode }, (error) => {
        // Storing the outcome failed (database gone): this instance's listeners are told so.
        const { body } = toErrorResponse(error, run.runId!);
        return { event: 'error', data: { messageId, code: body.code, message: body.message } };
      });
      return stored;
    } finally {
      tracked.end();
    }
  }

  /** Runs the agent with nobody waiting for the outcome (a streaming request: its stream follows the run). */
  executeDetached(run: PreparedRun): void {
    this.execute(run).catch((error: unknown) => this.logger.warn({ err: error, runId: run.runId }, 'storing a run outcome failed'));
  }

  private ready(started: StartedRun, history: AgentTurn[]): PreparedRun {
    return { conversation: started.conversation, userMessage: started.userMessage, assistantMessage: started.answer, runId: started.answer.runId, replay: false, history };
  }

  /**
   * A send whose client message id is stored already, in one transaction: replay a finished
   * answer, refuse while the first attempt still streams, or run again after a failed one.
   */
  private retry(userId: string, input: SendInput, clientMessageId: string, run: NewRun): Promise<PreparedRun> {
    return inTransaction(this.pool, async (db) => {
      // Two copies of one send racing (double click, retry while the first is in flight) queue up here.
      await this.messages.lockSend(db, `send:${userId}:${clientMessageId}`);
      const conversation = input.conversationId
        ? await this.conversations.findOwnedForUpdate(db, userId, input.conversationId)
        : await this.messages.conversationOfClientMessage(db, userId, clientMessageId);
      if (!conversation) {
        if (input.conversationId) throw notFound();
        // The earlier attempt's conversation was deleted since: start afresh.
        return this.startInTransaction(db, await this.conversations.create(db, userId, titleFromMessage(input.message)), input, clientMessageId, 2, run);
      }
      const inserted = await this.messages.insertUserMessage(db, conversation, input.message, clientMessageId, input.context ?? null);
      if (inserted) return this.startAnswer(db, conversation, inserted, 2, run);
      const userMessage = (await this.messages.findByClientId(db, conversation.id, userId, clientMessageId))!;
      const answer = await this.messages.findAnswer(db, userMessage.id);
      if (!answer) return this.startAnswer(db, conversation, userMessage, 1, run);
      if (answer.status === 'complete') return { conversation, userMessage, assistantMessage: answer, runId: answer.runId, replay: true, history: [] };
      if (answer.status === 'streaming' && Date.now() - answer.updatedAt.getTime() < STALE_RUN_MS) {
        throw new DomainError('RUN_IN_PROGRESS', 'This message is being answered already.');
      }
      const assistantMessage = await this.messages.restartAnswer(db, answer.id, run);
      return { conversation: await this.conversations.touch(db, conversation.id), userMessage, assistantMessage, runId: run.id, replay: false, history: [] };
    });
  }

  private async startInTransaction(
    db: PoolClient,
    conversation: ConversationRecord,
    input: SendInput,
    clientMessageId: string,
    count: number,
    run: NewRun,
  ): Promise<PreparedRun> {
    const userMessage = (await this.messages.insertUserMessage(db, conversation, input.message, clientMessageId, input.context ?? null))!;
    return this.startAnswer(db, conversation, userMessage, count, run);
  }

  /** The answer row for `userMessage`, counting `added` new messages in the conversation. */
  private async startAnswer(db: PoolClient, conversation: ConversationRecord, userMessage: MessageRecord, added: number, run: NewRun): Promise<PreparedRun> {
    const assistantMessage = await this.messages.insertAnswer(db, userMessage.id, run);
    return { conversation: await this.conversations.addMessages(db, conversation.id, added), userMessage, assistantMessage, runId: run.id, replay: false, history: [] };
  }
}

/** The run's status for its answer's. */
const RUN_STATUS: Record<MessageStatus, RunStatus> = {
  complete: 'complete',
  stopped: 'stopped',
  error: 'error',
  interrupted: 'interrupted',
  streaming: 'running',
};

/** Why an aborted run ended: its user stopped it, or the server is shutting down. */
function abortedStatus(stopSignal: AbortSignal): MessageStatus {
  return stopSignal.aborted ? 'stopped' : 'interrupted';
}

/** The event that ends a run's stream, for its stored answer. */
export function finalEvent(answer: MessageRecord): { event: 'done' | 'error'; data: RunStreamEvents['done'] | RunStreamEvents['error'] } {
  const messageId = answer.id;
  if (answer.status === 'complete' || answer.status === 'stopped') return { event: 'done', data: { message: MessageDto.from(answer) } };
  if (answer.status === 'error') {
    const code = answer.errorCode ?? 'AGENT_FAILED';
    return { event: 'error', data: { messageId, code, message: agentErrorMessage(code) } };
  }
  // Interrupted, and not by its user: the server is shutting down. The partial answer is stored.
  return { event: 'error', data: { messageId, code: 'SHUTTING_DOWN', message: 'The server restarted mid-answer; you can continue the answer.' } };
}

function agentErrorMessage(code: string): string {
  return code in AGENT_ERROR_CODES ? AGENT_ERROR_CODES[code as AgentErrorCode] : AGENT_ERROR_CODES.AGENT_FAILED;
}

function notFound(): DomainError {
  return new DomainError('CONVERSATION_NOT_FOUND', 'Conversation not found');
}
