import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { z } from 'zod';
import { textBlock } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../identity/decorators';
import type { Organization } from '../organizations/organization.entity';
import { BlocksService } from './blocks.service';

/** POST /api/orgs/:slug/members/:accountId/block */
export const ZBlockMember = z.strictObject({ reason: textBlock({ min: 3, max: 1000 }) });

const AccountId = Param(
  'accountId',
  new ParseUUIDPipe({
    exceptionFactory: () => new AppError('identity.membership_not_found', 404, 'Not a member of this organization'),
  }),
);
const tags = ['moderation'];

@Controller('api/orgs/:slug/members/:accountId/block')
export class BlocksController {
  constructor(private readonly blocks: BlocksService) {}

  @Post()
  @HttpCode(204)
  @Roles('moderator', 'admin')
  @Endpoint({ summary: 'Block a member from taking part (moderator)', body: ZBlockMember, status: 204, tags })
  async block(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @AccountId accountId: string,
    @Body() input: z.output<typeof ZBlockMember>,
  ): Promise<void> {
    await this.blocks.block(org.id, actor, accountId, input.reason);
  }

  @Delete()
  @HttpCode(204)
  @Roles('moderator', 'admin')
  @Endpoint({ summary: 'Lift a block (moderator)', status: 204, tags })
  async unblock(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @AccountId accountId: string,
  ): Promise<void> {
    await this.blocks.unblock(org.id, actor, accountId);
  }
}
