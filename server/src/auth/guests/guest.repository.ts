import type { Pool } from 'pg';
import { inTransaction } from '../../database/transaction.js';

/** The account a guest's conversations move to, as Better Auth has just signed it in. */
export interface MergeTarget {
  subject: string;
  email: string | null;
  name: string | null;
  image: string | null;
}

export interface MergeOutcome {
  conversations: number;
  messages: number;
}

/** Every statement this repository runs, by name; `queries/guest.repository.sql` is their snapshot. */
export const guestQueries = {
  /**
   * Claims the guest for one merge: deleting its Better Auth row (sessions and accounts cascade, and
   * the revocation trigger ends its tokens) under the row lock, so a concurrent merge of the same
   * guest waits here, then finds nothing and moves nothing.
   */
  claimGuest: `DELETE FROM "user" WHERE "id" = $1 AND "isAnonymous" RETURNING "id"`,
  /** The account's row may not exist yet (it is made on the first API call): made here, profile left alone otherwise. */
  targetUser: `INSERT INTO users (auth_subject, email, name, image)
    VALUES ($1, $2, $3, $4)
    ON CONFLICT (auth_subject) DO UPDATE SET auth_subject = EXCLUDED.auth_subject
    RETURNING id`,
  moveConversations: `UPDATE conversations SET user_id = $2
    WHERE user_id = (SELECT id FROM users WHERE auth_subject = $1)`,
  moveMessages: `UPDATE messages SET user_id = $2
    WHERE user_id = (SELECT id FROM users WHERE auth_subject = $1)`,
  /** The guest's ratings of answers go with the answers. */
  moveFeedback: `UPDATE message_feedback SET user_id = $2
    WHERE user_id = (SELECT id FROM users WHERE auth_subject = $1)`,
  /** Empty by now: what it owned has moved (anything left would go with it: every table on users cascades). */
  deleteGuestUser: `DELETE FROM users WHERE auth_subject = $1`,
  /**
   * One batch of expired guests, and everything they own: the Better Auth row (sessions and
   * accounts cascade) and our users row (conversations and messages cascade). A guest is expired
   * when neither its creation nor any use of its sessions falls within the retention period.
   * SKIP LOCKED lets several instances purge at once without waiting on each other or on a merge.
   */
  purgeBatch: `WITH expired AS (
      SELECT u."id" FROM "user" u
      WHERE u."isAnonymous" AND u."createdAt" < $1
        AND NOT EXISTS (SELECT 1 FROM "session" s WHERE s."userId" = u."id" AND s."updatedAt" >= $1)
      ORDER BY u."createdAt"
      LIMIT $2
      FOR UPDATE OF u SKIP LOCKED
    ), deleted_guests AS (
      DELETE FROM "user" WHERE "id" IN (SELECT "id" FROM expired) RETURNING "id"
    ), deleted_users AS (
      DELETE FROM users WHERE auth_subject IN (SELECT "id" FROM deleted_guests) RETURNING id
    )
    SELECT (SELECT count(*) FROM deleted_guests)::int AS guests, (SELECT count(*) FROM deleted_users)::int AS users`,
} as const;

/** All SQL on guests: moving one into an account, and deleting the expired ones. */
export class GuestRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * Moves the guest's conversations and messages to `target` and deletes the guest, in one
   * transaction. Undefined when the guest is gone already (merged by a concurrent sign-in, or purged).
   */
  async merge(guestSubject: string, target: MergeTarget): Promise<MergeOutcome | undefined> {
    return inTransaction(this.pool, async (client) => {
      const claimed = await client.query(guestQueries.claimGuest, [guestSubject]);
      if (claimed.rowCount === 0) return undefined;
      const { rows } = await client.query<{ id: string }>(guestQueries.targetUser, [target.subject, target.email, target.name, target.image]);
      const targetId = rows[0]!.id;
      const conversations = await client.query(guestQueries.moveConversations, [guestSubject, targetId]);
      const messages = await client.query(guestQueries.moveMessages, [guestSubject, targetId]);
      await client.query(guestQueries.moveFeedback, [guestSubject, targetId]);
      await client.query(guestQueries.deleteGuestUser, [guestSubject]);
      return { conversations: conversations.rowCount ?? 0, messages: messages.rowCount ?? 0 };
    });
  }

  /** Deletes up to `limit` guests inactive since `cutoff`; how many Better Auth users and users rows went. */
  async purgeBatch(cutoff: Date, limit: number): Promise<{ guests: number; users: number }> {
    const { rows } = await this.pool.query<{ guests: number; users: number }>(guestQueries.purgeBatch, [cutoff, limit]);
    return rows[0]!;
  }
}
