import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '../database/database.module.js';
import { inTransaction } from '../database/transaction.js';

/** Every statement this repository runs, by name; `queries/account.repository.sql` is their snapshot. */
export const accountQueries = {
  /** Better Auth's record of the person (absent when the API trusts another deployment's tokens). */
  signInProfile: `SELECT name, email, "emailVerified", image, "createdAt", "updatedAt" FROM "user" WHERE id = $1`,
  /** How they sign in; never a password hash or a provider's tokens. */
  signInMethods: `SELECT "providerId", "accountId", "createdAt" FROM account WHERE "userId" = $1 ORDER BY "createdAt"`,
  /** Their devices; never the session tokens. */
  sessions: `SELECT "createdAt", "expiresAt", "ipAddress", "userAgent" FROM session WHERE "userId" = $1 ORDER BY "createdAt"`,
  /** Their ratings of answers. */
  feedback: `SELECT message_id AS "messageId", rating, reason, comment, created_at AS "createdAt", updated_at AS "updatedAt" FROM message_feedback WHERE user_id = $1 ORDER BY created_at`,
  /** Our row; its conversations, messages and what hangs off messages go with it (ON DELETE CASCADE). */
  deleteChatUser: `DELETE FROM users WHERE id = $1`,
  /** Pending password resets, which name the user by id. */
  deleteVerifications: `DELETE FROM verification WHERE value = $1`,
  /** Better Auth's user; its sessions and accounts go with it, and the revocation trigger ends its tokens. */
  deleteSignInUser: `DELETE FROM "user" WHERE id = $1`,
} as const;

export interface SignInProfile {
  name: string;
  email: string;
  emailVerified: boolean;
  image: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SignInMethod {
  providerId: string;
  accountId: string;
  createdAt: Date;
}

export interface SessionRecord {
  createdAt: Date;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

export interface FeedbackRecord {
  messageId: string;
  rating: string;
  reason: string | null;
  comment: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The SQL of a whole account: what Better Auth keeps about a person, read for the export and deleted with our rows. */
@Injectable()
export class AccountRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async signInRecords(subject: string): Promise<{ profile?: SignInProfile; methods: SignInMethod[]; sessions: SessionRecord[] }> {
    const [profile, methods, sessions] = await Promise.all([
      this.pool.query<SignInProfile>(accountQueries.signInProfile, [subject]),
      this.pool.query<SignInMethod>(accountQueries.signInMethods, [subject]),
      this.pool.query<SessionRecord>(accountQueries.sessions, [subject]),
    ]);
    return { profile: profile.rows[0], methods: methods.rows, sessions: sessions.rows };
  }

  async feedback(userId: string): Promise<FeedbackRecord[]> {
    return (await this.pool.query<FeedbackRecord>(accountQueries.feedback, [userId])).rows;
  }

  /** Everything of one person, in one transaction: all of it goes, or nothing does. */
  async deleteAll(userId: string, subject: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(accountQueries.deleteChatUser, [userId]);
      await client.query(accountQueries.deleteVerifications, [subject]);
      await client.query(accountQueries.deleteSignInUser, [subject]);
    });
  }
}
