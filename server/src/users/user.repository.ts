import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '../database/database.module.js';
import type { User } from './user.entity.js';

export type UserRecord = Pick<User, 'id' | 'authSubject' | 'email' | 'name' | 'image' | 'createdAt'>;

/** What the users row mirrors of a token's claims. */
export interface SubjectProfile {
  subject: string;
  email: string | null;
  name: string | null;
  image: string | null;
}

interface UserRow {
  id: string;
  auth_subject: string;
  email: string | null;
  name: string | null;
  image: string | null;
  created_at: Date;
}

const USER_COLUMNS = 'id, auth_subject, email, name, image, created_at';

/** Every statement this repository runs, by name; `queries/user.repository.sql` is their snapshot. */
export const userQueries = {
  /**
   * Creates the row on first sight of a subject, refreshes the profile and last-seen otherwise.
   * One statement with ON CONFLICT, so concurrent first requests of one new user make one row.
   */
  upsertFromClaims: `INSERT INTO users (auth_subject, email, name, image, last_seen_at)
    VALUES ($1, $2, $3, $4, now())
    ON CONFLICT (auth_subject) DO UPDATE
      SET email = EXCLUDED.email, name = EXCLUDED.name, image = EXCLUDED.image, last_seen_at = now()
    RETURNING ${USER_COLUMNS}`,
  findById: `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`,
} as const;

function toUser(row: UserRow): UserRecord {
  return { id: row.id, authSubject: row.auth_subject, email: row.email, name: row.name, image: row.image, createdAt: row.created_at };
}

/** All SQL on `users`, our view of the people Better Auth signed in. */
@Injectable()
export class UserRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async upsertFromClaims(claims: SubjectProfile): Promise<UserRecord> {
    const { rows } = await this.pool.query<UserRow>(userQueries.upsertFromClaims, [claims.subject, claims.email, claims.name, claims.image]);
    return toUser(rows[0]!);
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const { rows } = await this.pool.query<UserRow>(userQueries.findById, [id]);
    return rows[0] && toUser(rows[0]);
  }
}
