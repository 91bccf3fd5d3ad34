import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Message } from '../conversations/message.entity.js';
import type { FeedbackRating, FeedbackReason } from '../conversations/feedback-vocabulary.js';
import { User } from '../users/user.entity.js';

// Defined with the messages, which show a user's rating; re-exported for the feedback feature's readers.
export { FEEDBACK_COMMENT_MAX_LENGTH, FEEDBACK_RATINGS, FEEDBACK_REASONS, type FeedbackRating, type FeedbackReason } from '../conversations/feedback-vocabulary.js';

/** One user's rating of one answer; rating again replaces it, so the answer is the key. */
@Entity('message_feedback')
@Index('IDX_message_feedback_rating_created', ['rating', 'createdAt'])
@Index('IDX_message_feedback_user', ['userId'])
@Check('CHK_message_feedback_rating', `"rating" IN ('up', 'down')`)
@Check('CHK_message_feedback_reason', `"reason" IN ('incorrect', 'incomplete', 'irrelevant', 'bad_sources', 'other')`)
@Check('CHK_message_feedback_comment', `char_length("comment") <= 1000`)
export class MessageFeedback {
  @PrimaryColumn({ name: 'message_id', type: 'uuid', primaryKeyConstraintName: 'PK_message_feedback' })
  messageId!: string;

  @ManyToOne(() => Message, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'FK_message_feedback_message' })
  message?: Relation<Message>;

  /** Denormalised owner, so ownership checks never need the join. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_message_feedback_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 8 })
  rating!: FeedbackRating;

  @Column({ type: 'varchar', length: 32, nullable: true })
  reason!: FeedbackReason | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
