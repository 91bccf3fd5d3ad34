import { Controller, Delete, Get, HttpCode, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../users/auth-user.js';
import { CurrentUser } from '../users/current-user.decorator.js';
import { AccountExportDto } from './account-export.dto.js';
import { AccountService } from './account.service.js';

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, invalid or expired token.' })
@Controller('users')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Get('me/export')
  @ApiOkResponse({ type: AccountExportDto, description: 'Everything stored about you, as a JSON download (Content-Disposition: attachment).' })
  async export(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply): Promise<void> {
    const data = await this.account.export(user);
    await reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="chat-data-${data.exportedAt.slice(0, 10)}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  }

  @Delete('me')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Your account and all its data are deleted; every session and token of it ends.' })
  async remove(@CurrentUser() user: AuthUser): Promise<void> {
    await this.account.delete(user);
  }
}
