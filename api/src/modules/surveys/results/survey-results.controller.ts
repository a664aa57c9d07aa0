import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import type { z } from 'zod';
import {
  ZSurveyCrosstab,
  ZSurveyCrosstabQuery,
  ZSurveyRepresentativeness,
  ZSurveyResults,
  ZSurveyResultsQuery,
  ZSurveyTextPage,
  ZSurveyTextsQuery,
} from '@hamandishi/contracts';
import { AppError } from '../../../common/errors/app-error';
import { Endpoint } from '../../../common/http/endpoint.decorator';
import { CurrentOrganization, Roles } from '../../identity/decorators';
import type { Organization } from '../../organizations/organization.entity';
import { SurveyResultsService } from './survey-results.service';

const ActivityId = () =>
  Param('activityId', new ParseUUIDPipe({ exceptionFactory: () => new AppError('plans.activity_not_found', 404, 'Activity not found') }));

const tags = ['surveys'];
const PLANNERS = ['planner', 'admin'] as const;

/** The results of a survey, for the municipality's planners. */
@Controller('api/orgs/:slug/surveys/:activityId/results')
export class SurveyResultsController {
  constructor(private readonly results: SurveyResultsService) {}

  @Get()
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Every question’s aggregate, filtered by respondent group, optionally weighted (planner)', query: ZSurveyResultsQuery, response: ZSurveyResults, tags })
  get(@CurrentOrganization() org: Organization, @ActivityId() activityId: string, @Query() query: z.output<typeof ZSurveyResultsQuery>) {
    return this.results.results(org, activityId, query);
  }

  @Get('crosstab')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'A question’s answers per capacity, district, age band or gender (planner)', query: ZSurveyCrosstabQuery, response: ZSurveyCrosstab, tags })
  crosstab(@CurrentOrganization() org: Organization, @ActivityId() activityId: string, @Query() query: z.output<typeof ZSurveyCrosstabQuery>) {
    return this.results.crosstab(org, activityId, query);
  }

  @Get('representativeness')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Respondents against the population figures, and the post-stratification weights (planner)', response: ZSurveyRepresentativeness, tags })
  representativeness(@CurrentOrganization() org: Organization, @ActivityId() activityId: string) {
    return this.results.representativeness(org, activityId);
  }

  @Get('texts')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'A text question’s answers, searched with Persian normalisation (planner)', query: ZSurveyTextsQuery, response: ZSurveyTextPage, tags })
  texts(@CurrentOrganization() org: Organization, @ActivityId() activityId: string, @Query() query: z.output<typeof ZSurveyTextsQuery>) {
    return this.results.texts(org, activityId, query);
  }
}
