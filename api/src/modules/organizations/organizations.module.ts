import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrganizationSettingsController } from './organization-settings.controller';
import { OrganizationSettingsRepository } from './organization-settings.repository';
import { OrganizationSettingsService } from './organization-settings.service';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [AuditModule],
  controllers: [OrganizationsController, OrganizationSettingsController],
  providers: [OrganizationsService, OrganizationsRepository, OrganizationSettingsService, OrganizationSettingsRepository],
  exports: [OrganizationsService, OrganizationSettingsService],
})
export class OrganizationsModule {}
