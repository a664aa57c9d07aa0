import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PlansModule } from '../plans/plans.module';
import { StakeholderEngagementSources } from './stakeholder-engagement.sources';
import { StakeholderImportBody } from './stakeholder-import-body';
import { StakeholderLinksModule } from './stakeholder-links.module';
import { StakeholdersController } from './stakeholders.controller';
import { StakeholdersRepository } from './stakeholders.repository';
import { StakeholdersService } from './stakeholders.service';

/**
 * The stakeholder registry: stakeholders, per-plan assessments, contacts, linked accounts,
 * power/interest grid, import/export, engagement history and the "not yet heard from" list.
 * Exports `StakeholderEngagementSources` so the think-tank module can register sessions attended.
 */
@Module({
  imports: [AuditModule, IdentityModule, OrganizationsModule, PlansModule, StakeholderLinksModule],
  controllers: [StakeholdersController],
  providers: [StakeholderImportBody, StakeholdersRepository, StakeholdersService, StakeholderEngagementSources],
  exports: [StakeholderEngagementSources, StakeholdersService],
})
export class StakeholdersModule {}
