import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { OrganizationsModule } from './organizations.module';
import { PlatformOrganizationsController } from './platform-organizations.controller';
import { PlatformOrganizationsRepository } from './platform-organizations.repository';
import { PlatformOrganizationsService } from './platform-organizations.service';

/**
 * The superadmins' side of municipalities. A module of its own because it needs invitations,
 * which need OrganizationsModule: folding it into OrganizationsModule would make a cycle.
 */
@Module({
  imports: [AuditModule, OrganizationsModule, InvitationsModule],
  controllers: [PlatformOrganizationsController],
  providers: [PlatformOrganizationsService, PlatformOrganizationsRepository],
})
export class PlatformOrganizationsModule {}
