import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  ZOrganizationPageQuery,
  ZOrganizationPageView,
  ZOrganizationSettings,
  ZUpdateOrganizationSettings,
} from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../identity/decorators';
import type { Organization } from './organization.entity';
import { OrganizationSettingsService } from './organization-settings.service';
import { OrganizationsService } from './organizations.service';

const tags = ['organizations'];

@Controller('api/orgs/:slug')
export class OrganizationSettingsController {
  constructor(
    private readonly settings: OrganizationSettingsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get('settings')
  @Roles('admin')
  @Endpoint({ summary: "The municipality's settings and pages (admin)", response: ZOrganizationSettings, tags })
  get(@CurrentOrganization() organization: Organization) {
    return this.settings.get(organization);
  }

  @Put('settings')
  @Roles('admin')
  @Endpoint({
    summary: "Save the municipality's names, colours, pages, sign-in methods and languages (admin, audited)",
    body: ZUpdateOrganizationSettings,
    response: ZOrganizationSettings,
    tags,
  })
  async update(
    @CurrentOrganization() organization: Organization,
    @CurrentActor() actor: Actor,
    @Body() input: z.output<typeof ZUpdateOrganizationSettings>,
  ) {
    const saved = await this.settings.update(organization, actor.accountId, input);
    this.organizations.forget();
    return saved;
  }

  @Post('settings/logo')
  @HttpCode(200)
  @Roles('admin')
  @Endpoint({
    summary: 'Upload the logo (the raw JPEG, PNG or WebP bytes as the body; stored re-encoded without metadata)',
    response: ZOrganizationSettings,
    tags,
  })
  uploadLogo(@CurrentOrganization() organization: Organization, @CurrentActor() actor: Actor, @Body() body: unknown) {
    if (!Buffer.isBuffer(body) || body.length === 0)
      throw new AppError('common.unsupported_media_type', 415, 'Send the image itself as the body');
    return this.settings.uploadLogo(organization, actor.accountId, body);
  }

  @Delete('settings/logo')
  @HttpCode(204)
  @Roles('admin')
  @Endpoint({ summary: 'Remove the logo (admin, audited)', status: 204, tags })
  async removeLogo(@CurrentOrganization() organization: Organization, @CurrentActor() actor: Actor) {
    await this.settings.removeLogo(organization, actor.accountId);
  }

  @Get('logo/:logoId')
  @Endpoint({ summary: "The municipality's logo (WebP)", tags })
  async logo(
    @Param('slug') slug: string,
    @Param('logoId') logoId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const organization = await this.organizations.getBySlug(slug);
    const logo = await this.settings.openLogo(organization, logoId);
    // A new upload gets a new id, so these bytes never change under this URL.
    const etag = `"${logoId}"`;
    void reply
      .header('etag', etag)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply
      .header('content-type', logo.contentType)
      .header('content-length', String(logo.data.length))
      .send(logo.data);
  }

  @Get('pages/:page')
  @Endpoint({
    summary: 'A public page (about, terms, privacy) as safe HTML, in the language asked for or Persian',
    query: ZOrganizationPageQuery,
    response: ZOrganizationPageView,
    tags,
  })
  async page(
    @Param('slug') slug: string,
    @Param('page') page: string,
    @Query() query: z.output<typeof ZOrganizationPageQuery>,
  ) {
    return this.settings.page(await this.organizations.getBySlug(slug), page, query.locale);
  }
}
