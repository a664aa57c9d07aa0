import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import type { z } from 'zod';
import {
  ZMember,
  ZMemberPage,
  ZMembership,
  ZMemberQuery,
  ZSetMemberDistrict,
  ZSetRoles,
  ZUpdateMembership,
} from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { CurrentActor, CurrentOrganization, Roles, SignedIn } from './decorators';
import { MembershipsService } from './memberships.service';

/** A member's account id in the URL; anything else is "no such member". */
const memberId = () =>
  new ParseUUIDPipe({
    exceptionFactory: () => new AppError('identity.membership_not_found', 404, 'No such member'),
  });

@Controller('api/orgs/:slug')
export class MembershipsController {
  constructor(
    private readonly memberships: MembershipsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Post('join')
  @HttpCode(200)
  @SignedIn()
  @Endpoint({ summary: 'Join a municipality as a citizen', response: ZMembership, status: 200, tags: ['memberships'] })
  async join(@Param('slug') slug: string, @CurrentActor() actor: Actor) {
    const membership = await this.memberships.joinBySlug(slug, actor.accountId);
    await this.memberships.notifyChanged(actor.accountId);
    return membership;
  }

  @Patch('me')
  @Roles()
  @Endpoint({
    summary: 'Set my district in this municipality',
    body: ZUpdateMembership,
    response: ZMembership,
    tags: ['memberships'],
  })
  updateMine(
    @CurrentOrganization() organization: Organization,
    @CurrentActor() actor: Actor,
    @Body() input: z.output<typeof ZUpdateMembership>,
  ) {
    return this.memberships.setMyDistrict(organization, actor.accountId, input.districtId);
  }

  @Get('members')
  @Roles('admin')
  @Endpoint({
    summary: "The municipality's members: search by name, mobile or e-mail; filter by role and district (admin)",
    query: ZMemberQuery,
    response: ZMemberPage,
    tags: ['memberships'],
  })
  list(@CurrentOrganization() organization: Organization, @Query() query: z.output<typeof ZMemberQuery>) {
    return this.memberships.listMembers(organization, query);
  }

  @Put('members/:accountId/roles')
  @Roles('admin')
  @Endpoint({
    summary: "Replace a member's roles, and optionally their district (admin, audited)",
    body: ZSetRoles,
    response: ZMember,
    tags: ['memberships'],
  })
  setRoles(
    @CurrentOrganization() organization: Organization,
    @CurrentActor() actor: Actor,
    @Param('accountId', memberId()) accountId: string,
    @Body() input: z.output<typeof ZSetRoles>,
  ) {
    return this.memberships.setRoles(organization, actor.accountId, accountId, input.roles, input.districtId);
  }

  @Put('members/:accountId/district')
  @Roles('admin')
  @Endpoint({
    summary: "Set a member's district (admin, audited)",
    body: ZSetMemberDistrict,
    response: ZMember,
    tags: ['memberships'],
  })
  setDistrict(
    @CurrentOrganization() organization: Organization,
    @CurrentActor() actor: Actor,
    @Param('accountId', memberId()) accountId: string,
    @Body() input: z.output<typeof ZSetMemberDistrict>,
  ) {
    return this.memberships.setMemberDistrict(organization, actor.accountId, accountId, input.districtId);
  }

  @Delete('members/:accountId')
  @HttpCode(204)
  @Roles('admin')
  @Endpoint({
    summary: 'Remove a member from the municipality; their contributions stay (admin, audited)',
    status: 204,
    tags: ['memberships'],
  })
  async remove(
    @CurrentOrganization() organization: Organization,
    @CurrentActor() actor: Actor,
    @Param('accountId', memberId()) accountId: string,
  ) {
    await this.memberships.removeMember(organization, actor.accountId, accountId);
  }
}
