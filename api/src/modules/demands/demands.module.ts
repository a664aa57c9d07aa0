import { Module } from '@nestjs/common';
import { DistrictsModule } from '../districts/districts.module';
import { IdentityModule } from '../identity/identity.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { DemandClassifierModule } from './classifier/classifier.module';
import { DemandImportService } from './demand-import';
import { DemandImportBody } from './demand-import-body';
import { DemandsController } from './demands.controller';
import { DemandsRepository } from './demands.repository';
import { DemandsService } from './demands.service';

/**
 * The demands hub: demands from every source (database triggers, see migration DemandSources),
 * manual entry and import, tagging with recorded decisions, groups, and the views through one
 * filter. The classifier (suggested themes) is told when tags change and demands arrive.
 */
@Module({
  imports: [IdentityModule, OrganizationsModule, DistrictsModule, DemandClassifierModule],
  controllers: [DemandsController],
  providers: [DemandImportBody, DemandsRepository, DemandsService, DemandImportService],
  exports: [DemandsService],
})
export class DemandsModule {}
