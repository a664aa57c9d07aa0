import { Controller, Delete, HttpCode, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, SignedIn } from '../identity/decorators';
import { OrganizationsService } from '../organizations/organizations.service';
import { FollowsService, type FollowTargetType } from './follows.service';

const ZFollowState = z.object({ following: z.boolean(), followerCount: z.number().int() });

@Controller('api/orgs/:slug/follows/:targetType/:targetId')
@SignedIn()
export class FollowsController {
  constructor(
    private readonly follows: FollowsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Put()
  @HttpCode(200)
  @Endpoint({ summary: 'Follow a plan or a stage (idempotent)', response: ZFollowState, tags: ['notifications'] })
  async follow(
    @Param('slug') slug: string,
    @Param('targetType') targetType: string,
    @Param('targetId') targetId: string,
    @CurrentActor() actor: Actor,
  ) {
    const organization = await this.organizations.getBySlug(slug);
    return this.follows.follow(organization.id, actor.accountId, targetType as FollowTargetType, targetId);
  }

  @Delete()
  @HttpCode(200)
  @Endpoint({ summary: 'Stop following (idempotent)', response: ZFollowState, tags: ['notifications'] })
  async unfollow(
    @Param('slug') slug: string,
    @Param('targetType') targetType: string,
    @Param('targetId') targetId: string,
    @CurrentActor() actor: Actor,
  ) {
    const organization = await this.organizations.getBySlug(slug);
    return this.follows.unfollow(organization.id, actor.accountId, targetType as FollowTargetType, targetId);
  }
}
