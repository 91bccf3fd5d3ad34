import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';

export const PAGE_URL_MAX_LENGTH = 2048;
export const PAGE_TITLE_MAX_LENGTH = 300;
/** The host's `context`, as JSON: enough for a product, a plan, a page section; not a document. */
export const PAGE_CONTEXT_DATA_MAX_BYTES = 8 * 1024;

/** A string, or an object or array, whose JSON is at most `maxBytes` long (UTF-8). */
function IsBoundedJson(maxBytes: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBoundedJson',
      validator: {
        validate: (value: unknown) => (typeof value === 'string' || (typeof value === 'object' && value !== null)) && Buffer.byteLength(JSON.stringify(value), 'utf8') <= maxBytes,
        defaultMessage: () => `$property must be a string or a JSON object of at most ${maxBytes} bytes`,
      },
    },
    options,
  );
}

/** Where the user was when they sent a message, as the widget reports it (docs/embedding.md, "Page context"). */
export class PageContextDto {
  @ApiPropertyOptional({ maxLength: PAGE_URL_MAX_LENGTH, description: 'The page the message was sent from, without query string or fragment.' })
  @IsOptional()
  @IsString()
  @MaxLength(PAGE_URL_MAX_LENGTH)
  url?: string;

  @ApiPropertyOptional({ maxLength: PAGE_TITLE_MAX_LENGTH, description: 'That page’s title.' })
  @IsOptional()
  @IsString()
  @MaxLength(PAGE_TITLE_MAX_LENGTH)
  title?: string;

  @ApiPropertyOptional({
    description: `The host page’s own \`context\`: a string or a JSON object, at most ${PAGE_CONTEXT_DATA_MAX_BYTES} bytes as JSON.`,
    oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: true }],
  })
  @IsOptional()
  @IsBoundedJson(PAGE_CONTEXT_DATA_MAX_BYTES)
  data?: string | Record<string, unknown> | unknown[];
}
