import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { MessagingModule } from '../messaging/messaging.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PlansModule } from '../plans/plans.module';
import {
  ThinktankPeopleController,
  ThinktankPlanController,
  ThinktankRsvpController,
  ThinktankSessionController,
  ThinktankStakeholdersController,
} from './thinktank.controller';
import { ThinktankAttendanceService } from './thinktank-attendance.service';
import { ThinktankDashboardService } from './thinktank-dashboard.service';
import { ThinktankInvitationsService } from './thinktank-invitations.service';
import { ThinktankSessionsRepository } from './thinktank-sessions.repository';
import { ThinktankSessionsService } from './thinktank-sessions.service';

/**
 * Think-tank sessions (جلسات هم‌اندیشی): scheduling in a plan's stage and committee, personal
 * invitations with RSVP and a waiting list, reminders, QR and list attendance with person-hours,
 * minutes, decisions and outputs, and the plan's dashboard. The live board and opinion groups
 * (board/, opinion/) ask `ThinktankSessionsService.roleOnBoard` who may take part.
 */
@Module({
  imports: [AuditModule, IdentityModule, MessagingModule, OrganizationsModule, PlansModule],
  controllers: [ThinktankPeopleController, ThinktankStakeholdersController, ThinktankPlanController, ThinktankSessionController, ThinktankRsvpController],
  providers: [
    ThinktankSessionsRepository,
    ThinktankSessionsService,
    ThinktankInvitationsService,
    ThinktankAttendanceService,
    ThinktankDashboardService,
  ],
  exports: [ThinktankSessionsService],
})
export class ThinktankModule {}
