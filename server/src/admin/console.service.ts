import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { AuthUser } from '../users/auth-user.js';
import { type CsvCell, toCsv } from './csv.js';
import { type DayRange, dayRange } from './date-range.js';
import { ConsoleRepository, type FlaggedAnswerRow } from './console.repository.js';
import type {
  ActivityDto,
  AskerDto,
  AuditLogDto,
  ConsoleConversationDto,
  ConsoleSettingsDto,
  ConsoleSourceDto,
  DocumentsDto,
  FlaggedAnswerDto,
  RatedDownDto,
  UnansweredDto,
} from './dto/console.dto.js';
import type { ConsoleRangeQuery } from './dto/console-query.dto.js';
import { groupQuestions } from './question-groups.js';

/** A panel's answer: its JSON body, and the same list as CSV for `?format=csv`. */
export interface Panel<Body> {
  body: Body;
  /** The download's file name, without extension. */
  name: string;
  csv(): string;
}

/** Rows a panel reads: the page shows the first ones, a CSV export takes up to the larger figure. */
const ROWS = { json: 200, csv: 10_000 } as const;
/** Unanswered answers read and grouped per request (the most recent of the range). */
const FLAGGED_LIMIT = 5000;
const GROUPS_SHOWN = 50;
const EXAMPLES_PER_GROUP = 5;
const CONVERSATION_MESSAGES = 500;
const ANSWER_EXCERPT = 500;

export const AUDIT_ACTION = { conversationView: 'conversation.view' } as const;

type Format = NonNullable<ConsoleRangeQuery['format']>;

/**
 * The site owner's console: what visitors ask, what went unanswered, which documents answer. Reads
 * every user's conversations, so it shows who asked only with ADMIN_SHOW_IDENTITIES, and writes
 * every conversation it opens to the audit log before showing it.
 */
@Injectable()
export class ConsoleService {
  private readonly settings: AppConfig['console'];

  constructor(
    private readonly repository: ConsoleRepository,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.settings = config.console;
  }

  consoleSettings(admin: AuthUser): ConsoleSettingsDto {
    return { email: admin.email, ...this.settings };
  }

  async activity(query: ConsoleRangeQuery): Promise<Panel<ActivityDto>> {
    const range = this.range(query);
    const days = await this.repository.activity(range);
    return panel(range, 'activity', { range: rangeDto(range), days }, days, [
      ['day', (d) => d.day],
      ['conversations', (d) => d.conversations],
      ['questions', (d) => d.questions],
      ['answers', (d) => d.answers],
    ]);
  }

  async unanswered(query: ConsoleRangeQuery): Promise<Panel<UnansweredDto>> {
    const range = this.range(query);
    const { lowScoreThreshold, showIdentities, questionSimilarity } = this.settings;
    const rows = await this.repository.flaggedAnswers(range, lowScoreThreshold, showIdentities, FLAGGED_LIMIT + 1);
    const truncated = rows.length > FLAGGED_LIMIT;
    const flagged = rows.slice(0, FLAGGED_LIMIT).map((row) => ({ ...this.flaggedAnswer(row), trigrams: row.trigrams ? row.trigrams.split('|') : [] }));
    const groups = groupQuestions(
      flagged.map((answer) => ({ ...answer, askedAt: new Date(answer.askedAt) })),
      questionSimilarity,
    );
    const body: UnansweredDto = {
      range: rangeDto(range),
      total: flagged.length,
      truncated,
      groups: groups.slice(0, GROUPS_SHOWN).map((group) => ({
        question: group.question,
        count: group.items.length,
        noSource: group.items.filter((i) => i.reasons.includes('no_source')).length,
        lowScore: group.items.filter((i) => i.reasons.includes('low_score')).length,
        ratedDown: group.items.filter((i) => i.reasons.includes('rated_down')).length,
        examples: group.items.slice(0, EXAMPLES_PER_GROUP).map(({ trigrams: _trigrams, ...answer }) => ({ ...answer, askedAt: answer.askedAt.toISOString() })),
      })),
    };
    const csvRows = groups.flatMap((group) => group.items.map((item) => ({ group: group.question, groupSize: group.items.length, ...item })));
    return panel(range, 'unanswered-questions', body, csvRows, [
      ['group', (r) => r.group],
      ['group_size', (r) => r.groupSize],
      ['question', (r) => r.question],
      ['asked_at', (r) => r.askedAt],
      ['reasons', (r) => r.reasons.join(' ')],
      ['best_score', (r) => r.bestScore],
      ['conversation_id', (r) => r.conversationId],
      ...this.askerColumns<(typeof csvRows)[number]>(),
    ]);
  }

  async ratedDown(query: ConsoleRangeQuery): Promise<Panel<RatedDownDto>> {
    const range = this.range(query);
    const rows = await this.repository.ratedDown(range, this.settings.showIdentities, ROWS[format(query)]);
    const answers = rows.map((row) => ({
      answerId: row.answer_id,
      conversationId: row.conversation_id,
      question: row.question,
      answer: row.answer.slice(0, ANSWER_EXCERPT),
      reason: row.reason,
      comment: row.comment,
      ratedAt: row.rated_at.toISOString(),
      ...this.asker(row),
    }));
    return panel(range, 'rated-down-answers', { range: rangeDto(range), answers }, answers, [
      ['rated_at', (r) => r.ratedAt],
      ['question', (r) => r.question],
      ['answer', (r) => r.answer],
      ['reason', (r) => r.reason],
      ['comment', (r) => r.comment],
      ['conversation_id', (r) => r.conversationId],
      ...this.askerColumns<(typeof answers)[number]>(),
    ]);
  }

  async topCitedDocuments(query: ConsoleRangeQuery): Promise<Panel<DocumentsDto>> {
    const range = this.range(query);
    const rows = await this.repository.topCitedDocuments(range, ROWS[format(query)]);
    const documents = rows.map((row) => ({ documentId: row.document_id, title: row.title, url: row.url, path: row.path, citations: row.citations, answers: row.answers }));
    return panel(range, 'top-cited-documents', { range: rangeDto(range), documents }, documents, [
      ['title', (d) => d.title],
      ['path', (d) => d.path],
      ['url', (d) => d.url],
      ['citations', (d) => d.citations],
      ['answers', (d) => d.answers],
    ]);
  }

  async uncitedDocuments(query: ConsoleRangeQuery): Promise<Panel<DocumentsDto>> {
    const range = this.range(query);
    const rows = await this.repository.uncitedDocuments(range, ROWS[format(query)]);
    const documents = rows.map((row) => ({ documentId: row.document_id, title: row.title, url: row.url, path: row.path }));
    return panel(range, 'never-cited-documents', { range: rangeDto(range), documents }, documents, [
      ['title', (d) => d.title],
      ['path', (d) => d.path],
      ['url', (d) => d.url],
    ]);
  }

  async auditLog(query: ConsoleRangeQuery): Promise<Panel<AuditLogDto>> {
    const range = this.range(query);
    const rows = await this.repository.auditLog(range, ROWS[format(query)]);
    const entries = rows.map((row) => ({ id: row.id, action: row.action, targetId: row.target_id, at: row.created_at.toISOString(), adminEmail: row.admin_email }));
    return panel(range, 'audit-log', { range: rangeDto(range), entries }, entries, [
      ['at', (e) => e.at],
      ['admin', (e) => e.adminEmail],
      ['action', (e) => e.action],
      ['target_id', (e) => e.targetId],
    ]);
  }

  /** One conversation, read-only; the view is in the audit log before anything is shown. */
  async conversation(admin: AuthUser, id: string): Promise<ConsoleConversationDto> {
    const head = await this.repository.conversationHead(id, this.settings.showIdentities);
    if (!head) throw new DomainError('CONVERSATION_NOT_FOUND', 'Conversation not found');
    await this.repository.recordView(admin.id, AUDIT_ACTION.conversationView, id);
    const messages = await this.repository.conversationMessages(id, CONVERSATION_MESSAGES);
    return {
      id: head.id,
      title: head.title,
      createdAt: head.created_at.toISOString(),
      lastMessageAt: head.last_message_at.toISOString(),
      ...this.asker(head),
      messages: messages.map((m) => ({
        id: m.id,
        role: m.role,
        content: m.content,
        status: m.status,
        createdAt: m.created_at.toISOString(),
        sources: consoleSources(m.sources),
        rating: m.rating === 'up' || m.rating === 'down' ? m.rating : null,
        reason: m.reason,
        comment: m.comment,
      })),
    };
  }

  private range(query: ConsoleRangeQuery): DayRange {
    return dayRange(query, this.clock());
  }

  private flaggedAnswer(row: FlaggedAnswerRow): FlaggedAnswerDto {
    const reasons: FlaggedAnswerDto['reasons'] = [];
    if (row.no_source) reasons.push('no_source');
    if (row.best_score !== null && row.best_score < this.settings.lowScoreThreshold) reasons.push('low_score');
    if (row.rated_down) reasons.push('rated_down');
    return {
      answerId: row.answer_id,
      conversationId: row.conversation_id,
      question: row.question,
      askedAt: row.asked_at.toISOString(),
      reasons,
      bestScore: row.best_score,
      ...this.asker(row),
    };
  }

  private asker(row: { email: string | null; name: string | null }): { asker?: AskerDto } {
    return this.settings.showIdentities ? { asker: { email: row.email, name: row.name } } : {};
  }

  private askerColumns<Row extends { asker?: AskerDto }>(): Array<readonly [string, (row: Row) => CsvCell]> {
    if (!this.settings.showIdentities) return [];
    return [
      ['asker_email', (r) => r.asker?.email],
      ['asker_name', (r) => r.asker?.name],
    ];
  }
}

function format(query: ConsoleRangeQuery): Format {
  return query.format ?? 'json';
}

function rangeDto(range: DayRange) {
  return { from: range.firstDay, to: range.lastDay };
}

function panel<Body, Row>(range: DayRange, name: string, body: Body, rows: Row[], columns: Array<readonly [string, (row: Row) => CsvCell]>): Panel<Body> {
  return { body, name: `${name}-${range.firstDay}-to-${range.lastDay}`, csv: () => toCsv(columns, rows) };
}

/** Stored sources as the console shows them; rows written before citations lack `cited` (uncited). */
function consoleSources(stored: unknown): ConsoleSourceDto[] {
  if (!Array.isArray(stored)) return [];
  return stored.map((source: Record<string, unknown>) => ({
    title: typeof source.title === 'string' ? source.title : '',
    url: typeof source.url === 'string' ? source.url : '',
    score: typeof source.score === 'number' ? source.score : null,
    cited: source.cited === true,
  }));
}
