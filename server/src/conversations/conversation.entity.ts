import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity.js';

export const CONVERSATION_TITLE_MAX_LENGTH = 200;

// Index shapes TypeORM cannot express (DESC keys, GIN over btree_gin) live in the migrations;
// `synchronize: false` keeps `migration:generate` from proposing to drop them.
@Entity('conversations')
@Index('IDX_conversations_user_activity', { synchronize: false })
@Index('IDX_conversations_search', { synchronize: false })
// The site owner's console counts conversations started per day (migration 026).
@Index('IDX_conversations_created', ['createdAt'])
export class Conversation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_conversations' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_conversations_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: CONVERSATION_TITLE_MAX_LENGTH })
  title!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_message_at', type: 'timestamptz', default: () => 'now()' })
  lastMessageAt!: Date;

  @Column({ name: 'message_count', type: 'integer', default: 0 })
  messageCount!: number;

  /** Full-text index of the title, maintained by PostgreSQL; queried, never written. */
  @Column({
    name: 'search_vector',
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: `to_tsvector('english', "title")`,
    select: false,
    insert: false,
    update: false,
  })
  searchVector?: string;
}
