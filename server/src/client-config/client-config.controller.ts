import { Controller, Get, Header, Headers, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, AUTH_MODES, type AppConfig, type AuthMode } from '../config/app-config.js';

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

  @ApiProperty({ description: "Whether the API accepts the request's Origin (ALLOWED_ORIGINS); true without one. The widget explains a refusal to the site owner." })
  originAllowed!: boolean;

  @ApiProperty({
    enum: AUTH_MODES,
    enumName: 'AuthMode',
    isArray: true,
    example: ['guest', 'password', 'social'],
    description: 'The ways in the site owner offers (AUTH_MODES): the widget shows only these.',
  })
  authModes!: AuthMode[];
}

/**
 * What a widget needs to know about this server before anyone signs in. Readable from every origin
 * (CORS `*`, no credentials): a page whose origin the API refuses learns it here, instead of
 * through requests that fail without a word.
 */
@ApiTags('config')
@Public()
@Controller('config')
export class ClientConfigController {
  private readonly body: Omit<ClientConfigDto, 'originAllowed'>;
  private readonly allowedOrigins: ReadonlySet<string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.allowedOrigins = new Set(config.auth.allowedOrigins);
    const { github, google, oidc } = config.socialProviders;
    this.body = {
      providers: [
        ...(github ? [{ id: 'github', name: 'GitHub', type: 'social' as const }] : []),
        ...(google ? [{ id: 'google', name: 'Google', type: 'social' as const }] : []),
        ...(oidc ? [{ id: oidc.id, name: oidc.name, type: 'oidc' as const }] : []),
      ],
      messageMaxLength: config.chat.messageMaxLength,
      authModes: config.authModes,
    };
  }

  @Get()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOkResponse({ type: ClientConfigDto })
  get(@Headers('origin') origin: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): ClientConfigDto {
    void reply.header('access-control-allow-origin', '*');
    reply.removeHeader('access-control-allow-credentials');
    // The answer depends on the Origin: caches must keep one per origin.
    void reply.header('vary', 'Origin');
    return { ...this.body, originAllowed: origin === undefined || this.allowedOrigins.has(origin) };
  }
}
