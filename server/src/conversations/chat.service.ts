import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Pool, PoolClient } from 'pg';
import { AgentError, type AgentEvent, type AgentProvider, type AgentTurn, type MessageSource, type PageContext } from '../agents/agent-provider.js';
import { AGENT_PROVIDER } from '../agents/agents.module.js';
import { DomainError } from '../common/domain-error.js';
import { ROOT_LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PG_POOL } from '../database/database.module.js';
import { inTransaction } from '../database/transaction.js';
import { GracefulShutdown } from '../lifecycle/graceful-shutdown.js';
import { AppMetrics } from '../metrics/app-metrics.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
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
  ) {}

  async prepare(user: Pick<AuthUser, 'id' | 'isGuest'>, input: SendInput): Promise<PreparedRun> {
    const userId = user.id;
    const max = this.config.chat.messageMaxLength;
    if ([...input.message].length > max) throw new DomainError('VALIDATION_FAILED', `message must be at most ${max} characters`);
    // Guests cost nothing to make, so they get their own, lower, budget (GUEST_AGENT_RATE_LIMIT).
    await this.rateLimiter.consume(`agent-run:${userId}`, user.isGuest ? this.config.guests.rateLimit : this.config.chat.rateLimit);

    const clientMessageId = input.clientMessageId ?? null;
    const context = input.context ?? null;
    if (input.conversationId) {
      const result = await this.messages.startRunInConversation(userId, input.conversationId, input.message, clientMessageId, context);
      if (!result.found) throw notFound();
      if (result.started) return this.ready(result.started, await this.messages.history(input.conversationId, result.started.userMessage.id, HISTORY_TURNS));
    } else {
      const started = await this.messages.startRunInNewConversation(userId, titleFromMessage(input.message), input.message, clientMessageId, context);
      // A new conversation has no history.
      if (started) return this.ready(started, []);
    }
    // This client message id is stored already: a retry.
    const prepared = await this.retry(userId, input, clientMessageId!);
    if (!prepared.replay) prepared.history = await this.messages.history(prepared.conversation.id, prepared.userMessage.id, HISTORY_TURNS);
    return prepared;
  }

  /**
   * Runs the agent, reporting each event as it comes, and stores the outcome. Never throws for an
   * agent failure: the answer is stored with status `error` and returned.
   */
  async execute(run: PreparedRun, clientSignal: AbortSignal, onEvent: (event: AgentEvent) => void): Promise<MessageRecord> {
    // A shutdown cuts the run like a departed client does: what was streamed is kept as `interrupted`.
    const tracked = this.shutdown.track();
    const signal = AbortSignal.any([clientSignal, tracked.signal]);
    const started = performance.now();
    let firstToken = true;
    let content = '';
    let sources: MessageSource[] = [];
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
      });
      for await (const event of events) {
        if (signal.aborted) break;
        if (event.type === 'delta' && firstToken) {
          firstToken = false;
          this.metrics.observeTimeToFirstToken(this.agent.id, (performance.now() - started) / 1000);
        }
        if (event.type === 'delta') content += event.text;
        else sources = event.sources;
        onEvent(event);
      }
      if (signal.aborted) status = 'interrupted';
    } catch (error) {
      if (signal.aborted) status = 'interrupted';
      else {
        status = 'error';
        errorCode = error instanceof AgentError ? error.code : 'AGENT_FAILED';
        this.logger.warn({ err: error, agent: this.agent.id, conversationId: run.conversation.id, errorCode }, 'agent run failed');
      }
    }
    this.metrics.countAgentRun(this.agent.id, status);
    try {
      return await this.messages.finishAnswer(run.assistantMessage.id, { content, sources, status, errorCode });
    } finally {
      tracked.end();
    }
  }

  private ready(started: StartedRun, history: AgentTurn[]): PreparedRun {
    return { conversation: started.conversation, userMessage: started.userMessage, assistantMessage: started.answer, replay: false, history };
  }

  /**
   * A send whose client message id is stored already, in one transaction: replay a finished
   * answer, refuse while the first attempt still streams, or run again after a failed one.
   */
  private retry(userId: string, input: SendInput, clientMessageId: string): Promise<PreparedRun> {
    return inTransaction(this.pool, async (db) => {
      // Two copies of one send racing (double click, retry while the first is in flight) queue up here.
      await this.messages.lockSend(db, `send:${userId}:${clientMessageId}`);
      const conversation = input.conversationId
        ? await this.conversations.findOwnedForUpdate(db, userId, input.conversationId)
        : await this.messages.conversationOfClientMessage(db, userId, clientMessageId);
      if (!conversation) {
        if (input.conversationId) throw notFound();
        // The earlier attempt's conversation was deleted since: start afresh.
        return this.startInTransaction(db, await this.conversations.create(db, userId, titleFromMessage(input.message)), input, clientMessageId, 2);
      }
      const inserted = await this.messages.insertUserMessage(db, conversation, input.message, clientMessageId, input.context ?? null);
      if (inserted) return this.startAnswer(db, conversation, inserted, 2);
      const userMessage = (await this.messages.findByClientId(db, conversation.id, userId, clientMessageId))!;
      const answer = await this.messages.findAnswer(db, userMessage.id);
      if (!answer) return this.startAnswer(db, conversation, userMessage, 1);
      if (answer.status === 'complete') return { conversation, userMessage, assistantMessage: answer, replay: true, history: [] };
      if (answer.status === 'streaming' && Date.now() - answer.updatedAt.getTime() < STALE_RUN_MS) {
        throw new DomainError('RUN_IN_PROGRESS', 'This message is being answered already.');
      }
      const assistantMessage = await this.messages.restartAnswer(db, answer.id);
      return { conversation: await this.conversations.touch(db, conversation.id), userMessage, assistantMessage, replay: false, history: [] };
    });
  }

  private async startInTransaction(db: PoolClient, conversation: ConversationRecord, input: SendInput, clientMessageId: string, count: number): Promise<PreparedRun> {
    const userMessage = (await this.messages.insertUserMessage(db, conversation, input.message, clientMessageId, input.context ?? null))!;
    return this.startAnswer(db, conversation, userMessage, count);
  }

  /** The answer row for `userMessage`, counting `added` new messages in the conversation. */
  private async startAnswer(db: PoolClient, conversation: ConversationRecord, userMessage: MessageRecord, added: number): Promise<PreparedRun> {
    const assistantMessage = await this.messages.insertAnswer(db, userMessage.id);
    return { conversation: await this.conversations.addMessages(db, conversation.id, added), userMessage, assistantMessage, replay: false, history: [] };
  }
}

function notFound(): DomainError {
  return new DomainError('CONVERSATION_NOT_FOUND', 'Conversation not found');
}
