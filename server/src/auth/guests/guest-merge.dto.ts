import { ApiProperty } from '@nestjs/swagger';
import { IsJWT, MaxLength } from 'class-validator';

/** Longest token parsed, as for the bearer token (Better Auth's are well under 1 KB). */
const MAX_TOKEN_LENGTH = 8192;

export class MergeGuestDto {
  @ApiProperty({ description: "The guest's own API JWT (GET /api/auth/token with the guest's session), proof that the caller holds the guest's session.", maxLength: MAX_TOKEN_LENGTH })
  @IsJWT()
  @MaxLength(MAX_TOKEN_LENGTH)
  guestToken!: string;
}

export class MergeGuestResultDto {
  @ApiProperty({ description: 'Conversations moved to the signed-in account; 0 when a concurrent merge took the guest first.', example: 2 })
  conversations!: number;
}
