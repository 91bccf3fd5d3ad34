import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The date-range filter every panel takes, and whether to answer as CSV. */
export class ConsoleRangeQuery {
  @ApiPropertyOptional({ format: 'date', description: 'First day (UTC), inclusive; default: 29 days before `to`.' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day (UTC), inclusive; default: today.' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: '`csv`: the whole list as a CSV download.' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
