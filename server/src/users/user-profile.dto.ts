import { ApiProperty } from '@nestjs/swagger';
import type { UserRecord } from './user.repository.js';

export class UserProfileDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true })
  image!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  static from(user: UserRecord): UserProfileDto {
    return { id: user.id, email: user.email, name: user.name, image: user.image, createdAt: user.createdAt.toISOString() };
  }
}
