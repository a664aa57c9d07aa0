import { Module, type OnModuleInit } from '@nestjs/common';
import { ZProblemCollectionSettings } from '@hamandishi/contracts';
import { AuditModule } from '../audit/audit.module';
import { CommentsModule } from '../comments/comments.module';
import { CommentsService } from '../comments/comments.service';
import { IdentityModule } from '../identity/identity.module';
import { ModerationModule } from '../moderation/moderation.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ActivityTypeRegistry } from '../plans/activity-types.registry';
import { PlansModule } from '../plans/plans.module';
import { StakeholderLinksModule } from '../stakeholders/stakeholder-links.module';
import { PhotoUploadBody } from './photo-upload-body';
import { ProblemPhotosController } from './problem-photos.controller';
import { ProblemPhotosService } from './problem-photos.service';
import { ProblemsController } from './problems.controller';
import { ProblemsRepository } from './problems.repository';
import { SupportBatcher } from './support-batcher';
import { SupportCountBroadcaster } from './support-count.broadcaster';
import { ProblemsService } from './problems.service';

/**
 * Problem statements: photos, submission into problem_collection activities, duplicates,
 * supports, lists, status workflow and moderation. Runs the problem_collection activity type.
 */
@Module({
  imports: [
    AuditModule,
    CommentsModule,
    IdentityModule,
    OrganizationsModule,
    PlansModule,
    NotificationsModule,
    ModerationModule,
    StakeholderLinksModule,
  ],
  controllers: [ProblemPhotosController, ProblemsController],
  providers: [PhotoUploadBody, ProblemsRepository, ProblemsService, ProblemPhotosService, SupportCountBroadcaster, SupportBatcher],
  exports: [ProblemsService],
})
export class ProblemsModule implements OnModuleInit {
  constructor(
    private readonly registry: ActivityTypeRegistry,
    private readonly comments: CommentsService,
    private readonly problems: ProblemsService,
  ) {}

  onModuleInit(): void {
    this.registry.register({ type: 'problem_collection', settingsSchema: ZProblemCollectionSettings, defaults: {} });
    // problem.comment_count stays exact: the comments module reports every visible change here.
    this.comments.registerTarget('problem', this.problems.commentTarget());
  }
}
