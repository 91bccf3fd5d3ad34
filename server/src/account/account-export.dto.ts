import { ApiProperty } from '@nestjs/swagger';
import { ConversationExportDto } from '../conversations/dto/conversation.dto.js';
import { UserProfileDto } from '../users/user-profile.dto.js';

export class SignInMethodDto {
  @ApiProperty({ description: '`credential` (password), `host` (the host site), or a social provider id.' }) providerId!: string;
  @ApiProperty({ description: "The person's id at that provider." }) accountId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class SessionExportDto {
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, nullable: true }) ipAddress!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
}

export class SignInExportDto {
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'A placeholder ending in `.invalid` for guests and host-site users.' }) email!: string;
  @ApiProperty() emailVerified!: boolean;
  @ApiProperty({ type: String, nullable: true }) image!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [SignInMethodDto] }) methods!: SignInMethodDto[];
  @ApiProperty({ type: [SessionExportDto] }) sessions!: SessionExportDto[];
}

export class FeedbackExportDto {
  @ApiProperty({ format: 'uuid', description: 'The rated answer (in `conversations`).' }) messageId!: string;
  @ApiProperty({ enum: ['up', 'down'] }) rating!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** Everything stored about the signed-in person: `GET /users/me/export`. */
export class AccountExportDto {
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: UserProfileDto }) profile!: UserProfileDto;
  @ApiProperty({ type: SignInExportDto, nullable: true, description: 'Null when sign-in is another deployment’s (AUTH_JWKS_URL).' })
  signIn!: SignInExportDto | null;
  @ApiProperty({ type: [ConversationExportDto], description: 'Every conversation, oldest first, each with every message and its sources.' })
  conversations!: ConversationExportDto[];
  @ApiProperty({ type: [FeedbackExportDto], description: 'Their ratings of answers, oldest first.' })
  feedback!: FeedbackExportDto[];
}
