import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { MessagingModule } from '../messaging/messaging.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { InvitationLinksController, InvitationsAdminController, MyInvitationsController } from './invitations.controller';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';

/** Personal links that grant roles in a municipality: sent by its admins (or the platform), accepted once. */
@Module({
  imports: [AuditModule, IdentityModule, OrganizationsModule, MessagingModule],
  controllers: [InvitationsAdminController, InvitationLinksController, MyInvitationsController],
  providers: [InvitationsService, InvitationsRepository],
  exports: [InvitationsService],
})
export class InvitationsModule {}
