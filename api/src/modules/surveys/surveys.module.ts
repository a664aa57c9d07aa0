import { Module, type OnModuleInit } from '@nestjs/common';
import { z } from 'zod';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AttachmentsService } from '../attachments/attachments.service';
import { AuditModule } from '../audit/audit.module';
import { DistrictsModule } from '../districts/districts.module';
import { IdentityModule } from '../identity/identity.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ActivityTypeRegistry } from '../plans/activity-types.registry';
import { PlansModule } from '../plans/plans.module';
import { SurveyExportController } from './export/survey-export.controller';
import { SurveyExportRepository } from './export/survey-export.repository';
import { SurveyExportService } from './export/survey-export.service';
import { SurveyResultsController } from './results/survey-results.controller';
import { SurveyResultsRepository } from './results/survey-results.repository';
import { SurveyResultsService } from './results/survey-results.service';
import { SurveysController } from './surveys.controller';
import { SurveysRepository } from './surveys.repository';
import { SurveysService } from './surveys.service';

/**
 * Surveys: questionnaires whose definition is data, checked by the shared contracts on the server
 * as in the respondent's form. Runs the survey activity type; its settings live in the survey
 * table (audience, anonymity), so the activity's own settings stay empty.
 */
@Module({
  imports: [AttachmentsModule, AuditModule, DistrictsModule, IdentityModule, OrganizationsModule, PlansModule],
  controllers: [SurveysController, SurveyResultsController, SurveyExportController],
  providers: [
    SurveysRepository,
    SurveysService,
    SurveyResultsRepository,
    SurveyResultsService,
    SurveyExportRepository,
    SurveyExportService,
  ],
  exports: [SurveysService],
})
export class SurveysModule implements OnModuleInit {
  constructor(
    private readonly registry: ActivityTypeRegistry,
    private readonly repository: SurveysRepository,
    private readonly attachments: AttachmentsService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      type: 'survey',
      settingsSchema: z.looseObject({}),
      defaults: {},
      // A survey without questions has nothing to answer: not offered on the home page.
      readyAmong: async (organizationId, activityIds) => {
        const rows: { activityId: string }[] = await this.repository.db.query(
          `SELECT activity_id AS "activityId" FROM survey
            WHERE organization_id = $1 AND activity_id = ANY($2::uuid[]) AND jsonb_path_exists(definition, '$.sections[*].questions[*]')`,
          [organizationId, activityIds],
        );
        return new Set(rows.map((r) => r.activityId));
      },
    });
    // Respondents' images answering file questions: uploaded through the survey's own route (which
    // checks the audience); the attachments routes let planners remove one, as for other owners.
    this.attachments.registerOwner('survey', {
      exists: async (organizationId, surveyId) =>
        (await this.repository.db.query(`SELECT 1 FROM survey WHERE organization_id = $1 AND id = $2`, [organizationId, surveyId])).length > 0,
    });
  }
}
