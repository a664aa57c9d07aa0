import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';

/**
 * Files attached to plans, stages and upstream documents. Needs
 * `registerAttachmentUploadBodies` (upload-body.ts) on the Fastify instance before `app.init()`.
 */
@Module({
  imports: [OrganizationsModule],
  controllers: [AttachmentsController],
  providers: [AttachmentsRepository, AttachmentsService],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
