import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { AuthUser } from './auth-user.js';
import { DomainError } from '../common/domain-error.js';
import { User } from './user.entity.js';

export interface IdentityClaims {
  subject: string;
  email: string | null;
  name: string | null;
  image: string | null;
  emailVerified: boolean;
}

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /**
   * Creates the row on first sight of a subject, refreshes the profile and last-seen otherwise.
   * One statement with ON CONFLICT, so concurrent first requests of one new user make one row.
   */
  async upsertFromClaims(claims: IdentityClaims): Promise<AuthUser> {
    const rows: Array<Pick<User, 'id' | 'email' | 'name' | 'image'> & { auth_subject: string }> = await this.users.query(
      `INSERT INTO users (auth_subject, email, name, image, last_seen_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (auth_subject) DO UPDATE
         SET email = EXCLUDED.email, name = EXCLUDED.name, image = EXCLUDED.image, last_seen_at = now()
       RETURNING id, auth_subject, email, name, image`,
      [claims.subject, claims.email, claims.name, claims.image],
    );
    const row = rows[0]!;
    return { id: row.id, subject: row.auth_subject, email: row.email, name: row.name, image: row.image, emailVerified: claims.emailVerified };
  }

  async findById(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new DomainError('NOT_FOUND', 'User not found');
    return user;
  }
}
