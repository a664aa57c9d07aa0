import { createHash } from 'node:crypto';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ZOrganization, ZOrganizationSummary } from '@hamandishi/contracts';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { OrganizationsService } from './organizations.service';

@Controller('api/orgs')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @Endpoint({ summary: 'List municipalities', response: z.array(ZOrganizationSummary), tags: ['organizations'] })
  list() {
    return this.organizations.list();
  }

  @Get(':slug')
  @Endpoint({
    summary: 'A municipality with its districts, themes, branding, languages and sign-in methods',
    response: ZOrganization,
    tags: ['organizations'],
  })
  async describe(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const body = await this.organizations.describe(slug);
    // Every page load asks for it: a browser revalidates with its ETag and gets a 304 when nothing
    // changed, and sees a change (new welcome, colours) on the next load.
    const etag = `W/"${createHash('sha1').update(JSON.stringify(body)).digest('base64url')}"`;
    void reply.header('etag', etag).header('cache-control', 'public, no-cache');
    if (request.headers['if-none-match'] === etag) {
      void reply.status(304);
      return '';
    }
    return body;
  }
}
