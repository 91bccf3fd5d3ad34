import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

class SignInProviderDto {
  @ApiProperty({ example: 'github', description: 'Pass to Better Auth as the provider (social) or providerId (OIDC).' })
  id!: string;

  @ApiProperty({ example: 'GitHub' })
  name!: string;

  @ApiProperty({ enum: ['social', 'oidc'] })
  type!: 'social' | 'oidc';
}

class ClientConfigDto {
  @ApiProperty({ type: [SignInProviderDto] })
  providers!: SignInProviderDto[];

  @ApiProperty({ example: 8000 })
  messageMaxLength!: number;
}

/** What a widget needs to know about this server before anyone signs in. */
@ApiTags('config')
@Public()
@Controller('config')
export class ClientConfigController {
  private readonly body: ClientConfigDto;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { github, google, oidc } = config.socialProviders;
    this.body = {
      providers: [
        ...(github ? [{ id: 'github', name: 'GitHub', type: 'social' as const }] : []),
        ...(google ? [{ id: 'google', name: 'Google', type: 'social' as const }] : []),
        ...(oidc ? [{ id: oidc.id, name: oidc.name, type: 'oidc' as const }] : []),
      ],
      messageMaxLength: config.chat.messageMaxLength,
    };
  }

  @Get()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOkResponse({ type: ClientConfigDto })
  get(): ClientConfigDto {
    return this.body;
  }
}
