import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { IdentityModule } from '../../identity/identity.module';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { DemandReportService } from '../report/demand-report.service';
import { DemandReportRepository } from '../report/demand-report.repository';
import { DemandExportController } from './demand-export.controller';
import { DemandExportRepository } from './demand-export.repository';
import { DemandExportService } from './demand-export.service';

/**
 * Exports of the filtered demands and the supporting-document report, as background jobs whose
 * files only the requesting planner downloads until they expire.
 */
@Module({
  imports: [IdentityModule, OrganizationsModule, AuditModule],
  controllers: [DemandExportController],
  providers: [DemandExportRepository, DemandExportService, DemandReportRepository, DemandReportService],
})
export class DemandExportModule {}
