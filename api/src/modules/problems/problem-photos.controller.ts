import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZProblemPhoto, ZUuid } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../identity/decorators';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { ProblemPhotosService } from './problem-photos.service';

const tags = ['problems'];

@Controller('api/orgs/:slug/problem-photos')
export class ProblemPhotosController {
  constructor(
    private readonly photos: ProblemPhotosService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles()
  @Endpoint({
    summary: 'Upload a photo for a problem (the raw JPEG, PNG or WebP bytes as the body)',
    response: ZProblemPhoto,
    status: 201,
    tags,
  })
  upload(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Body() body: unknown) {
    if (!Buffer.isBuffer(body) || body.length === 0)
      throw new AppError('common.unsupported_media_type', 415, 'Send the image itself as the body');
    return this.photos.upload(org, actor.accountId, body);
  }

  @Get(':photoId')
  @Endpoint({ summary: 'A problem photo (WebP)', tags })
  download(
    @Param('slug') slug: string,
    @Param('photoId') photoId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.send(slug, photoId, 'content', request, reply);
  }

  @Get(':photoId/thumb')
  @Endpoint({ summary: "A problem photo's thumbnail (WebP)", tags })
  thumb(
    @Param('slug') slug: string,
    @Param('photoId') photoId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.send(slug, photoId, 'thumb', request, reply);
  }

  private async send(
    slug: string,
    photoId: string,
    variant: 'content' | 'thumb',
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const organization = await this.organizations.getBySlug(slug);
    if (!ZUuid.safeParse(photoId).success) throw new AppError('problems.photo_not_found', 404, 'Photo not found');
    // A photo's bytes never change, so its id (and variant) is its ETag.
    const etag = `"${photoId}-${variant}"`;
    void reply
      .header('etag', etag)
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) {
      await this.photos.open(organization.id, photoId, variant);
      return reply.status(304).send();
    }
    const bytes = await this.photos.open(organization.id, photoId, variant);
    return reply.header('content-type', 'image/webp').header('content-length', String(bytes.length)).send(bytes);
  }
}
