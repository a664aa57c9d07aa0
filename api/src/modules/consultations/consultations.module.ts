import { Module, type OnModuleInit } from '@nestjs/common';
import { ZConsultationSettings } from '@hamandishi/contracts';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AttachmentsService } from '../attachments/attachments.service';
import { AuditModule } from '../audit/audit.module';
import { CommentsModule } from '../comments/comments.module';
import { CommentsService } from '../comments/comments.service';
import { IdentityModule } from '../identity/identity.module';
import { ModerationModule } from '../moderation/moderation.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ActivityTypeRegistry } from '../plans/activity-types.registry';
import { PlansModule } from '../plans/plans.module';
import { AmendmentsService } from './amendments.service';
import { ConsultationCommentTargets } from './consultation-comment-targets';
import { ConsultationReportService } from './consultation-report.service';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsRepository } from './consultations.repository';
import { EditionBody } from './edition-body';
import { DocxConverter } from './docx/docx-converter';
import { EditionsService } from './editions.service';
import { EditionShapes, ReadingCache } from './reading-cache';
import { ReportCache } from './report-cache';
import { ReadingService } from './reading.service';

/**
 * Consultations: a stage report in editions, read and commented paragraph by paragraph, with
 * amendments, a diff between editions and the planners' report. Runs the consultation activity type.
 */
@Module({
  imports: [
    AttachmentsModule,
    AuditModule,
    CommentsModule,
    IdentityModule,
    ModerationModule,
    NotificationsModule,
    OrganizationsModule,
    PlansModule,
  ],
  controllers: [ConsultationsController],
  providers: [
    EditionBody,
    ReadingCache,
    EditionShapes,
    ReportCache,
    ConsultationsRepository,
    EditionsService,
    ReadingService,
    AmendmentsService,
    ConsultationReportService,
    ConsultationCommentTargets,
    DocxConverter,
  ],
})
export class ConsultationsModule implements OnModuleInit {
  constructor(
    private readonly registry: ActivityTypeRegistry,
    private readonly comments: CommentsService,
    private readonly attachments: AttachmentsService,
    private readonly targets: ConsultationCommentTargets,
    private readonly editions: EditionsService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      type: 'consultation',
      settingsSchema: ZConsultationSettings,
      defaults: {},
      // An open consultation with nothing published yet has nothing to read: not offered on the home page.
      readyAmong: (organizationId, activityIds) => this.editions.publishedAmong(organizationId, activityIds),
    });
    this.comments.registerTarget('paragraph', this.targets.paragraph());
    this.comments.registerTarget('document', this.targets.document());
    // Planners upload the .docx to import and the images of image blocks to the activity.
    // The upload route itself is for planners only.
    this.attachments.registerOwner('activity', {
      exists: (organizationId, activityId) => this.targets.isConsultation(organizationId, activityId),
    });
  }
}
