import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import type { MessageSource, PageContext } from '../agents/agent-provider.js';
import { User } from '../users/user.entity.js';
import { Conversation } from './conversation.entity.js';

export const MESSAGE_ROLES = ['user', 'assistant'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export const MESSAGE_STATUSES = ['complete', 'streaming', 'error', 'interrupted', 'stopped'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

// See conversation.entity.ts for why the indexes are declared with `synchronize: false`.
@Entity('messages')
@Index('IDX_messages_conversation_order', { synchronize: false })
@Index('IDX_messages_search', { synchronize: false })
@Index('IDX_messages_reply_to', { synchronize: false })
@Index('IDX_messages_user_client_id', { synchronize: false })
// The site owner's console reads answers by time across every user (migration 026).
@Index('IDX_messages_created_role', ['createdAt', 'role'])
@Index('IDX_messages_answer_score', { synchronize: false })
@Unique('UQ_messages_client_message_id', ['conversationId', 'clientMessageId'])
@Check('CHK_messages_role', `"role" IN ('user', 'assistant')`)
@Check('CHK_messages_status', `"status" IN ('complete', 'streaming', 'error', 'interrupted', 'stopped')`)
export class Message {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_messages' })
  id!: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId!: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'FK_messages_conversation' })
  conversation?: Relation<Conversation>;

  /** Denormalised owner, so search and authorisation never need the join. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_messages_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 16 })
  role!: MessageRole;

  @Column({ type: 'text', default: '' })
  content!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  sources!: MessageSource[];

  /** A user message's page context (see PageContext); null when the widget sent none. */
  @Column({ name: 'page_context', type: 'jsonb', nullable: true })
  pageContext!: PageContext | null;

  @Column({ type: 'varchar', length: 16, default: 'complete' })
  status!: MessageStatus;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode!: string | null;

  /** Set by the client so a retried send is stored once (unique per conversation). */
  @Column({ name: 'client_message_id', type: 'uuid', nullable: true })
  clientMessageId!: string | null;

  /** For an assistant message: the user message it answers. */
  @Column({ name: 'reply_to_id', type: 'uuid', nullable: true })
  replyToId!: string | null;

  @ManyToOne(() => Message, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reply_to_id', foreignKeyConstraintName: 'FK_messages_reply_to' })
  replyTo?: Relation<Message>;

  /** For an assistant message: the run that wrote it, or is writing it (the latest, after a continue). See runs/. */
  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  /** Full-text index of the content, maintained by PostgreSQL; queried, never written. */
  @Column({
    name: 'search_vector',
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: `to_tsvector('english', "content")`,
    select: false,
    insert: false,
    update: false,
  })
  searchVector?: string;
}
