import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  ZCreateInvitation,
  ZInvitation,
  ZInvitationAccepted,
  ZInvitationPage,
  ZInvitationPreview,
  ZInvitationQuery,
  ZMyInvitation,
} from '@hamandishi/contracts';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles, SignedIn } from '../identity/decorators';
import type { Organization } from '../organizations/organization.entity';
import { InvitationsService } from './invitations.service';

/** A municipality's admins invite staff. */
@Controller('api/orgs/:slug/invitations')
@Roles('admin')
export class InvitationsAdminController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Endpoint({ summary: "The municipality's invitations (admin)", query: ZInvitationQuery, response: ZInvitationPage, tags: ['invitations'] })
  list(@CurrentOrganization() organization: Organization, @Query() query: z.output<typeof ZInvitationQuery>) {
    return this.invitations.list(organization, query);
  }

  @Post()
  @Endpoint({
    summary: 'Invite a person by mobile or e-mail to roles (admin)',
    body: ZCreateInvitation,
    response: ZInvitation,
    status: 201,
    tags: ['invitations'],
  })
  create(
    @CurrentOrganization() organization: Organization,
    @CurrentActor() actor: Actor,
    @Body() input: z.output<typeof ZCreateInvitation>,
  ) {
    return this.invitations.invite(organization, actor, { ...input, districtId: input.districtId ?? null });
  }

  @Post(':id/resend')
  @HttpCode(200)
  @Endpoint({ summary: 'Send a new link (the old one stops working) (admin)', response: ZInvitation, tags: ['invitations'] })
  resend(@CurrentOrganization() organization: Organization, @CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.invitations.resend(organization, actor, uuidOrMissing(id));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Endpoint({ summary: 'Revoke a pending invitation (admin)', response: ZInvitation, tags: ['invitations'] })
  revoke(@CurrentOrganization() organization: Organization, @CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.invitations.revoke(organization, actor, uuidOrMissing(id));
  }
}

/** The invited person: what a link is for, and accepting it. */
@Controller('api/invitations/:token')
export class InvitationLinksController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Endpoint({ summary: 'What an invitation link is for', response: ZInvitationPreview, tags: ['invitations'] })
  preview(@Param('token') token: string) {
    return this.invitations.preview(token);
  }

  @Post('accept')
  @HttpCode(200)
  @SignedIn()
  @Endpoint({ summary: 'Accept an invitation (my mobile or e-mail must be its contact)', response: ZInvitationAccepted, tags: ['invitations'] })
  accept(@Param('token') token: string, @CurrentActor() actor: Actor) {
    return this.invitations.acceptByToken(token, actor);
  }
}

/** My pending invitations, on my profile. */
@Controller('api/me/invitations')
@SignedIn()
export class MyInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Endpoint({ summary: 'Pending invitations addressed to my mobile or e-mail', response: z.array(ZMyInvitation), tags: ['invitations'] })
  list(@CurrentActor() actor: Actor) {
    return this.invitations.mine(actor);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Endpoint({ summary: 'Accept one of my invitations', response: ZInvitationAccepted, tags: ['invitations'] })
  accept(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.invitations.acceptMine(id, actor);
  }
}

/** A malformed id is simply not an invitation (the service answers 404 for the all-zero id). */
function uuidOrMissing(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}
