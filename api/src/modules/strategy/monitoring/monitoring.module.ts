import { Module, type OnModuleInit } from '@nestjs/common';
import { AttachmentsModule } from '../../attachments/attachments.module';
import { AttachmentsService } from '../../attachments/attachments.service';
import { AuditModule } from '../../audit/audit.module';
import { IdentityModule } from '../../identity/identity.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { StrategyTraceabilityModule } from '../traceability/traceability.module';
import { MonitoringController } from './monitoring.controller';
import { MonitoringRepository } from './monitoring.repository';
import { MonitoringService } from './monitoring.service';

/** Monitoring (پایش) of a plan's structure and its public accountability dashboard. */
@Module({
  imports: [AuditModule, IdentityModule, OrganizationsModule, AttachmentsModule, NotificationsModule, StrategyTraceabilityModule],
  controllers: [MonitoringController],
  providers: [MonitoringRepository, MonitoringService],
  exports: [MonitoringService],
})
export class StrategyMonitoringModule implements OnModuleInit {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly monitoring: MonitoringService,
  ) {}

  onModuleInit(): void {
    // Evidence is uploaded through monitoring's own route, which checks the plan, the year and the figure.
    this.attachments.registerOwner('strategy_evidence', { exists: (org, id) => this.monitoring.evidenceOwnerExists(org, id) });
  }
}
