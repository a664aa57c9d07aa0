import { Body, Controller, Delete, Get, HttpCode, Patch, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { ZAccount, ZSession, ZUpdateProfile } from '@hamandishi/contracts';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor, AppRequest } from '../../common/http/request-context';
import { AccountsService } from './accounts.service';
import { CurrentActor, SignedIn } from './decorators';
import { SessionsService } from './sessions.service';

@Controller('api/me')
@SignedIn()
export class MeController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
  ) {}

  @Get()
  @Endpoint({ summary: 'My account and memberships', response: ZSession, tags: ['me'] })
  me(@Req() request: AppRequest) {
    return this.accounts.session(request);
  }

  @Patch()
  @Endpoint({ summary: 'Edit my profile', body: ZUpdateProfile, response: ZAccount, tags: ['me'] })
  update(@CurrentActor() actor: Actor, @Body() input: z.output<typeof ZUpdateProfile>) {
    return this.accounts.updateProfile(actor.accountId, input);
  }

  @Get('export')
  @Endpoint({ summary: 'Download all my data (JSON attachment)', tags: ['me'] })
  async export(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    const data = await this.accounts.export(actor.accountId);
    void reply
      .header('content-disposition', 'attachment; filename="hamandishi-my-data.json"')
      .header('cache-control', 'no-store');
    return data;
  }

  @Delete()
  @HttpCode(204)
  @Endpoint({ summary: 'Delete my account (anonymised) and sign out everywhere', status: 204, tags: ['me'] })
  async remove(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.accounts.deleteOwn(actor.accountId);
    this.sessions.clearCookie(reply);
  }
}
