import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The body of every error this API answers with (Better Auth's routes under /api/auth excepted). */
export class ErrorBodyDto {
  @ApiProperty({ example: 404, description: 'The HTTP status, repeated.' })
  statusCode!: number;

  @ApiProperty({ example: 'CONVERSATION_NOT_FOUND', description: 'Stable and machine-readable: branch on this, not on `message`. See docs/api.md.' })
  code!: string;

  @ApiProperty({ description: 'For people; may change between versions.' })
  message!: string;

  @ApiPropertyOptional({ description: 'On 5xx: the id to quote when reporting the failure (also in the X-Request-Id header).' })
  requestId?: string;

  @ApiPropertyOptional({ type: [String], description: 'When the error lists several problems: one each (`message` joins them).' })
  details?: string[];
}
