import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { AgentError, type AgentEvent, type AgentProvider, type AgentTurn, type PageContext } from '../agents/agent-provider.js';
import { AGENT_PROVIDER } from '../agents/agents.module.js';
import { DomainError } from '../common/domain-error.js';
import { ROOT_LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { GracefulShutdown } from '../lifecycle/graceful-shutdown.js';
import { AppMetrics } from '../metrics/app-metrics.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { Conversation } from './conversation.entity.js';
import { titleFromMessage } from './conversation-title.js';
import { Message, type MessageSource, type MessageStatus } from './message.entity.js';

/** Turns of context handed to the agent. */
const HISTORY_TURNS = 20;
/** A `streaming` answer untouched this long belongs to a run that died; a retry may take it over. */
const STALE_RUN_MS = 5 * 60 * 1000;

export interface SendInput {
  message: string;
  conversationId?: string;
  clientMessageId?: string;
  context?: PageContext;
}

/** A run ready to go: the user message is stored, the answer row exists. */
export interface PreparedRun {
  conversation: Conversation;
  userMessage: Message;
  assistantMessage: Message;
  /** The answer was already complete (a retry of a finished run): nothing to run. */
  replay: boolean;
  history: AgentTurn[];
}

/**
 * The chat pipeline: store the user's message first, then run the agent, then store the answer
 * with its sources, its error, or the part that was streamed before the client left.
 */
@Injectable()
export class ChatService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AGENT_PROVIDER) private readonly agent: AgentProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly rateLimiter: RateLimiter,
    private readonly metrics: AppMetrics,
    private readonly shutdown: GracefulShutdown,
  ) {}

  get agentId(): string {
    return this.agent.id;
  }

  async prepare(userId: string, input: SendInput): Promise<PreparedRun> {
    const max = this.config.chat.messageMaxLength;
    if ([...input.message].length > max) throw new DomainError('VALIDATION_FAILED', `message must be at most ${max} characters`);
    await this.rateLimiter.consume(`agent-run:${userId}`, this.config.chat.rateLimit);

    const prepared = await this.dataSource.transaction(async (manager) => {
      // Two copies of one send racing (double click, retry while the first is in flight) queue up
      // here, so the second sees what the first stored.
      if (input.clientMessageId) await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`send:${userId}:${input.clientMessageId}`]);
      const conversation = await this.resolveConversation(manager, userId, input);
      const inserted = await this.insertUserMessage(manager, conversation, userId, input);
      if (inserted) return this.startAnswer(manager, conversation, inserted, false);
      return this.resumeAnswer(manager, conversation, userId, input.clientMessageId!);
    });
    if (!prepared.replay) prepared.history = await this.history(prepared.userMessage);
    return prepared;
  }

  /**
   * Runs the agent, reporting each event as it comes, and stores the outcome. Never throws for an
   * agent failure: the answer is stored with status `error` and returned.
   */
  async execute(run: PreparedRun, clientSignal: AbortSignal, onEvent: (event: AgentEvent) => void): Promise<Message> {
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
      return await this.finish(run, { content, sources, status, errorCode });
    } finally {
      tracked.end();
    }
  }

  private async finish(
    run: PreparedRun,
    outcome: { content: string; sources: MessageSource[]; status: MessageStatus; errorCode: string | null },
  ): Promise<Message> {
    return this.dataSource.transaction(async (manager) => {
      await manager.update(Message, { id: run.assistantMessage.id }, { ...outcome, updatedAt: () => 'now()' });
      await manager.update(Conversation, { id: run.conversation.id }, { lastMessageAt: () => 'greatest(last_message_at, now())' });
      return manager.findOneByOrFail(Message, { id: run.assistantMessage.id });
    });
  }

  private async resolveConversation(manager: EntityManager, userId: string, input: SendInput): Promise<Conversation> {
    if (input.conversationId) {
      const owned = await manager.findOne(Conversation, {
        where: { id: input.conversationId, userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!owned) throw new DomainError('CONVERSATION_NOT_FOUND', 'Conversation not found');
      return owned;
    }
    if (input.clientMessageId) {
      // A retried first message: its conversation was created by the earlier attempt.
      const earlier = await manager.findOneBy(Message, { userId, clientMessageId: input.clientMessageId, role: 'user' });
      if (earlier) {
        return manager.findOneOrFail(Conversation, { where: { id: earlier.conversationId }, lock: { mode: 'pessimistic_write' } });
      }
    }
    return manager.save(manager.create(Conversation, { userId, title: titleFromMessage(input.message) }));
  }

  /** Inserts the user message, or returns undefined when this clientMessageId is already stored. */
  private async insertUserMessage(manager: EntityManager, conversation: Conversation, userId: string, input: SendInput): Promise<Message | undefined> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO messages (conversation_id, user_id, role, content, status, client_message_id, page_context, created_at, updated_at)
       VALUES ($1, $2, 'user', $3, 'complete', $4, $5, clock_timestamp(), clock_timestamp())
       ON CONFLICT (conversation_id, client_message_id) DO NOTHING
       RETURNING id`,
      [conversation.id, userId, input.message, input.clientMessageId ?? null, input.context ? JSON.stringify(input.context) : null],
    );
    return rows[0] ? manager.findOneByOrFail(Message, { id: rows[0].id }) : undefined;
  }

  /**
   * Creates the answer row (status `streaming`) one microsecond after the user message it replies
   * to, computed in SQL: JavaScript dates would round the microseconds away and misorder the two.
   */
  private async startAnswer(manager: EntityManager, conversation: Conversation, userMessage: Message, resumed: boolean): Promise<PreparedRun> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO messages (conversation_id, user_id, role, content, status, reply_to_id, created_at, updated_at)
       SELECT $1, $2, 'assistant', '', 'streaming', id, created_at + interval '1 microsecond', now()
       FROM messages WHERE id = $3
       RETURNING id`,
      [conversation.id, conversation.userId, userMessage.id],
    );
    await manager.query(
      `UPDATE conversations SET message_count = message_count + $2, last_message_at = greatest(last_message_at, now()) WHERE id = $1`,
      [conversation.id, resumed ? 1 : 2],
    );
    return {
      conversation: await manager.findOneByOrFail(Conversation, { id: conversation.id }),
      userMessage,
      assistantMessage: await manager.findOneByOrFail(Message, { id: rows[0]!.id }),
      replay: false,
      history: [],
    };
  }

  /** A retry of a stored message: replay a finished answer, or run again after a failed one. */
  private async resumeAnswer(manager: EntityManager, conversation: Conversation, userId: string, clientMessageId: string): Promise<PreparedRun> {
    const userMessage = await manager.findOneByOrFail(Message, { conversationId: conversation.id, userId, clientMessageId });
    const answer = await manager.findOneBy(Message, { replyToId: userMessage.id });
    if (!answer) return this.startAnswer(manager, conversation, userMessage, true);
    if (answer.status === 'complete') {
      return { conversation, userMessage, assistantMessage: answer, replay: true, history: [] };
    }
    if (answer.status === 'streaming' && Date.now() - answer.updatedAt.getTime() < STALE_RUN_MS) {
      throw new DomainError('RUN_IN_PROGRESS', 'This message is being answered already.');
    }
    await manager.update(Message, { id: answer.id }, { content: '', sources: [], status: 'streaming', errorCode: null, updatedAt: () => 'now()' });
    await manager.update(Conversation, { id: conversation.id }, { lastMessageAt: () => 'greatest(last_message_at, now())' });
    return {
      conversation: await manager.findOneByOrFail(Conversation, { id: conversation.id }),
      userMessage,
      assistantMessage: await manager.findOneByOrFail(Message, { id: answer.id }),
      replay: false,
      history: [],
    };
  }

  /** The turns before `userMessage`, oldest first; failed or empty answers are left out. */
  private async history(userMessage: Message): Promise<AgentTurn[]> {
    const rows: Array<{ role: 'user' | 'assistant'; content: string }> = await this.dataSource.query(
      `SELECT m.role, m.content FROM messages m, (SELECT created_at, id FROM messages WHERE id = $2) AS current
       WHERE m.conversation_id = $1 AND (m.created_at, m.id) < (current.created_at, current.id)
         AND m.role IN ('user', 'assistant') AND m.content <> '' AND m.status IN ('complete', 'interrupted')
       ORDER BY m.created_at DESC, m.id DESC LIMIT $3`,
      [userMessage.conversationId, userMessage.id, HISTORY_TURNS],
    );
    return rows.reverse();
  }
}
