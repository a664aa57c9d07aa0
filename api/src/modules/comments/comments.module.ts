import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { ModerationModule } from '../moderation/moderation.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { CommentsController } from './comments.controller';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';

/**
 * Comments on anything: owning modules (problems; later paragraphs, documents, projects) call
 * `CommentsService.registerTarget` on init to say what exists, who may comment and how to keep
 * their comment counter.
 */
@Module({
  imports: [AuditModule, IdentityModule, OrganizationsModule, ModerationModule, NotificationsModule],
  controllers: [CommentsController],
  providers: [CommentsRepository, CommentsService],
  exports: [CommentsService],
})
export class CommentsModule {}
