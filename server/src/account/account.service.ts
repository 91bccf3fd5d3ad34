import { Injectable } from '@nestjs/common';
import { RevocationList } from '../auth/revocation/revocation-list.js';
import { ConversationsService } from '../conversations/conversations.service.js';
import type { AuthUser } from '../users/auth-user.js';
import { UserProfileDto } from '../users/user-profile.dto.js';
import { UsersService } from '../users/users.service.js';
import type { AccountExportDto, SignInExportDto } from './account-export.dto.js';
import { AccountRepository } from './account.repository.js';

/**
 * A person's whole account across the features: what is stored about them (the export) and its
 * deletion. It sits above users and conversations and reads Better Auth's tables itself, so
 * neither feature has to know about the other or about the account as a whole.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly users: UsersService,
    private readonly conversations: ConversationsService,
    private readonly account: AccountRepository,
    private readonly revocations: RevocationList,
  ) {}

  async export(user: AuthUser, now = new Date()): Promise<AccountExportDto> {
    const [profile, signIn, conversations, feedback] = await Promise.all([
      this.users.findById(user.id),
      this.account.signInRecords(user.subject),
      this.conversations.exportAll(user.id),
      this.account.feedback(user.id),
    ]);
    return {
      exportedAt: now.toISOString(),
      profile: UserProfileDto.from(profile),
      signIn: signIn.profile ? signInExport(signIn) : null,
      conversations,
      feedback: feedback.map((f) => ({ ...f, createdAt: f.createdAt.toISOString(), updatedAt: f.updatedAt.toISOString() })),
    };
  }

  /** The user, their sessions and sign-in methods, conversations, messages and ratings, at once. */
  async delete(user: AuthUser): Promise<void> {
    await this.account.deleteAll(user.id, user.subject);
    // The deletion's notification reaches every instance's list in a moment; this one's at once, so
    // the next request with the same token cannot bring the user's row back.
    this.revocations.add('user', user.subject);
  }
}

function signInExport({ profile, methods, sessions }: Awaited<ReturnType<AccountRepository['signInRecords']>>): SignInExportDto {
  return {
    name: profile!.name,
    email: profile!.email,
    emailVerified: profile!.emailVerified,
    image: profile!.image,
    createdAt: profile!.createdAt.toISOString(),
    methods: methods.map((m) => ({ providerId: m.providerId, accountId: m.accountId, createdAt: m.createdAt.toISOString() })),
    sessions: sessions.map((s) => ({ createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt.toISOString(), ipAddress: s.ipAddress, userAgent: s.userAgent })),
  };
}
