import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommonModule } from './common/common.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { ALL_ENTITIES } from './database/entities';
import { JobsModule } from './jobs/jobs.module';
import { AttachmentsModule } from './modules/attachments/attachments.module';
import { CommentsModule } from './modules/comments/comments.module';
import { HealthModule } from './modules/health/health.module';
import { IdentityModule } from './modules/identity/identity.module';
import { MessagingModule } from './modules/messaging/messaging.module';
import { ModerationModule } from './modules/moderation/moderation.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { InvitationsModule } from './modules/invitations/invitations.module';
import { DistrictsModule } from './modules/districts/districts.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { PlatformOrganizationsModule } from './modules/organizations/platform-organizations.module';
import { PlansModule } from './modules/plans/plans.module';
import { ProblemsModule } from './modules/problems/problems.module';
import { ConsultationsModule } from './modules/consultations/consultations.module';
import { SurveysModule } from './modules/surveys/surveys.module';
import { ProblemMapModule } from './modules/problem-map/problem-map.module';
import { RealtimeModule } from './realtime/realtime.module';
import { ThemesModule } from './modules/themes/themes.module';
import { StrategyModule } from './modules/strategy/strategy.module';
import { DemandClassifierModule } from './modules/demands/classifier/classifier.module';
import { StrategyMonitoringModule } from './modules/strategy/monitoring/monitoring.module';
import { StrategyTraceabilityModule } from './modules/strategy/traceability/traceability.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, { entities: ALL_ENTITIES })),
        CommonModule,
        JobsModule,
        RealtimeModule,
        HealthModule,
        OrganizationsModule,
        MessagingModule,
        IdentityModule,
        AttachmentsModule, NotificationsModule, PlansModule,
        CommentsModule,
        ProblemMapModule,
        ModerationModule, ProblemsModule, ConsultationsModule, SurveysModule,
        InvitationsModule,
        PlatformOrganizationsModule,
        ThemesModule,
        DistrictsModule,
        DemandClassifierModule,
        StrategyModule,
        StrategyTraceabilityModule,
        StrategyMonitoringModule,
      ],
    };
  }
}
