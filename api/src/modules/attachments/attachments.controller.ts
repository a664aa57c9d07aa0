import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { textVerbatim, ZAttachment, ZUuid } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../identity/decorators';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { AttachmentsService } from './attachments.service';
import { contentDisposition, isInline } from './filename';

/** POST /api/orgs/:slug/attachments query. */
const ZUploadQuery = z.strictObject({
  ownerType: z.enum(['plan', 'stage', 'upstream_document', 'activity']),
  ownerId: ZUuid,
  // Only made storable here: filename.ts sanitises the name (path, controls, direction marks).
  filename: textVerbatim({ min: 1, max: 1000 }),
});

@Controller('api/orgs/:slug/attachments')
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('planner', 'admin')
  @Endpoint({
    summary: 'Attach a file (the raw bytes as the body; PDF, DOCX, PNG, JPEG, WEBP up to 25 MiB)',
    query: ZUploadQuery,
    response: ZAttachment,
    status: 201,
    tags: ['attachments'],
  })
  upload(
    @CurrentOrganization() organization: Organization,
    @CurrentActor() actor: Actor,
    @Query() query: z.output<typeof ZUploadQuery>,
    @Body() body: unknown,
  ) {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new AppError('common.unsupported_media_type', 415, 'Send the file itself as the body');
    }
    return this.attachments.uploadSent(organization, actor.accountId, query, body);
  }

  @Get(':attachmentId')
  @Endpoint({ summary: 'Download an attachment', tags: ['attachments'] })
  async download(
    @Param('slug') slug: string,
    @Param('attachmentId') attachmentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const organization = await this.organizations.getBySlug(slug);
    if (!ZUuid.safeParse(attachmentId).success) throw new AppError('attachments.not_found', 404, 'Attachment not found');
    const attachment = await this.attachments.open(organization.id, attachmentId);
    const etag = `"${attachment.sha256}"`;
    void reply
      .header('etag', etag)
      // An id's bytes never change; a deleted file may linger in caches for at most an hour.
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply
      .header('content-type', attachment.contentType)
      .header('content-length', String(attachment.sizeBytes))
      .header('content-disposition', contentDisposition(attachment.filename, isInline(attachment.contentType)))
      .send(this.attachments.stream(attachment));
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @Roles('planner', 'admin')
  @Endpoint({ summary: 'Remove an attachment', status: 204, tags: ['attachments'] })
  async remove(@CurrentOrganization() organization: Organization, @CurrentActor() actor: Actor, @Param('attachmentId') attachmentId: string) {
    if (!ZUuid.safeParse(attachmentId).success) throw new AppError('attachments.not_found', 404, 'Attachment not found');
    await this.attachments.remove(organization.id, attachmentId, actor.accountId);
  }
}
