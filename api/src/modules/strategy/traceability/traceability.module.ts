import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { IdentityModule } from '../../identity/identity.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { TraceabilityController } from './traceability.controller';
import { TraceabilityRepository } from './traceability.repository';
import { TraceabilityService } from './traceability.service';

/** Traceability from citizens' demands to the plan's goals, outputs and projects. */
@Module({
  imports: [AuditModule, IdentityModule, OrganizationsModule, NotificationsModule],
  controllers: [TraceabilityController],
  providers: [TraceabilityRepository, TraceabilityService],
  exports: [TraceabilityService],
})
export class StrategyTraceabilityModule {}
