import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import type { AuthUser } from './auth-user.js';
import { type SubjectProfile, UserRepository, type UserRecord } from './user.repository.js';

export interface IdentityClaims extends SubjectProfile {
  emailVerified: boolean;
  isGuest: boolean;
  role: string | null;
}

@Injectable()
export class UsersService {
  constructor(private readonly users: UserRepository) {}

  /** The user behind verified token claims, created on first sight, profile refreshed otherwise. */
  async upsertFromClaims(claims: IdentityClaims): Promise<AuthUser> {
    const user = await this.users.upsertFromClaims(claims);
    return { id: user.id, subject: user.authSubject, email: user.email, name: user.name, image: user.image, emailVerified: claims.emailVerified, isGuest: claims.isGuest, role: claims.role };
  }

  async findById(id: string): Promise<UserRecord> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('NOT_FOUND', 'User not found');
    return user;
  }
}
