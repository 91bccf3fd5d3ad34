/**
 * The words of feedback on answers. They live with the messages (the lower feature) because a
 * message shows its user's rating; the feedback feature stores and changes it.
 */
export const FEEDBACK_RATINGS = ['up', 'down'] as const;
export type FeedbackRating = (typeof FEEDBACK_RATINGS)[number];

/** Why an answer was rated down: a small fixed set, so the owner's console can count them. */
export const FEEDBACK_REASONS = ['incorrect', 'incomplete', 'irrelevant', 'bad_sources', 'other'] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

export const FEEDBACK_COMMENT_MAX_LENGTH = 1000;

/** One user's feedback on one answer, as a message carries it. */
export interface MessageFeedbackRecord {
  rating: FeedbackRating;
  reason: FeedbackReason | null;
  comment: string | null;
  updatedAt: Date;
}
