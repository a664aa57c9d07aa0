import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { AccountsService } from './accounts.service';
import { Superadmin } from './decorators';

const accountIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new AppError('identity.account_not_found', 404, 'Account not found'),
});

@Controller('api/admin/accounts')
@Superadmin()
export class AdminAccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post(':accountId/disable')
  @HttpCode(204)
  @Endpoint({ summary: 'Disable an account: its sessions end at once (superadmin)', status: 204, tags: ['admin'] })
  disable(@Param('accountId', accountIdPipe) accountId: string) {
    return this.accounts.disable(accountId);
  }

  @Post(':accountId/enable')
  @HttpCode(204)
  @Endpoint({ summary: 'Enable a disabled account (superadmin)', status: 204, tags: ['admin'] })
  enable(@Param('accountId', accountIdPipe) accountId: string) {
    return this.accounts.enable(accountId);
  }
}
