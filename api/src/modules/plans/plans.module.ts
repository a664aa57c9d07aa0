import { Module, type OnModuleInit } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AttachmentsService } from '../attachments/attachments.service';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { FollowsService } from '../notifications/follows.service';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ActivityTypeRegistry } from './activity-types.registry';
import { CommitteesService } from './committees.service';
import { ParticipationService } from './participation.service';
import { PlanTransitions } from './plan-transitions.service';
import { PlansController } from './plans.controller';
import { PlansRepository } from './plans.repository';
import { PlanErrors } from './plans.errors';
import { PlansService } from './plans.service';
import { StagesService } from './stages.service';

/**
 * Plans, their stages and activities, committees and upstream documents; the activity type
 * registry and participation rules that the input-collecting modules build on.
 */
@Module({
  imports: [AuditModule, IdentityModule, OrganizationsModule, AttachmentsModule, NotificationsModule],
  controllers: [PlansController],
  providers: [
    PlansRepository,
    PlansService,
    StagesService,
    CommitteesService,
    ParticipationService,
    PlanTransitions,
    ActivityTypeRegistry,
  ],
  exports: [PlansService, StagesService, CommitteesService, ParticipationService, ActivityTypeRegistry],
})
export class PlansModule implements OnModuleInit {
  constructor(
    private readonly repository: PlansRepository,
    private readonly attachments: AttachmentsService,
    private readonly follows: FollowsService,
  ) {}

  onModuleInit(): void {
    const r = this.repository;
    // Files of a closed plan are as frozen as the plan: the check throws 409 plans.plan_closed.
    const canManage = (type: 'plan' | 'stage' | 'upstream_document') => async (org: string, id: string) => {
      if ((await r.planStatusOfOwner(org, type, id)) === 'closed') throw PlanErrors.planClosed();
      return true;
    };
    this.attachments.registerOwner('plan', { exists: (org, id) => r.planExists(org, id), canManage: canManage('plan') });
    this.attachments.registerOwner('stage', { exists: (org, id) => r.stageExists(org, id), canManage: canManage('stage') });
    this.attachments.registerOwner('upstream_document', {
      exists: (org, id) => r.documentExists(org, id),
      canManage: canManage('upstream_document'),
    });
    this.follows.registerTarget('plan', { exists: (org, id) => r.planExists(org, id) });
    this.follows.registerTarget('stage', { exists: (org, id) => r.stageExists(org, id), planIdOf: (org, id) => r.planIdOfStage(org, id) });
  }
}
