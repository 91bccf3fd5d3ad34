import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthUser } from '../../users/auth-user.js';
import { CurrentUser } from '../../users/current-user.decorator.js';
import { MergeGuestDto, MergeGuestResultDto } from './guest-merge.dto.js';
import { GuestMergeService } from './guest-merge.service.js';

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, invalid or expired token.' })
@Controller('users/me')
export class GuestMergeController {
  constructor(private readonly merges: GuestMergeService) {}

  @Post('guest-merge')
  @HttpCode(200)
  @ApiOperation({
    summary: "Move a guest's conversations to the signed-in account",
    description:
      'For sign-ins that did not carry the guest’s session (social sign-in in a popup): the widget sends the guest’s own JWT. Password and host sign-ins merge by themselves. The guest is deleted with the move, so its token works once.',
  })
  @ApiOkResponse({ type: MergeGuestResultDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: guestToken missing, not a JWT, or too long.' })
  @ApiForbiddenResponse({ description: "FORBIDDEN: guestToken is not a live guest's token of this server, or the caller is a guest." })
  merge(@CurrentUser() user: AuthUser, @Body() body: MergeGuestDto): Promise<MergeGuestResultDto> {
    return this.merges.merge(user, body.guestToken);
  }
}
