import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { ZCreateSurveyExport, ZSurveyExport, ZSurveyExportList } from '@hamandishi/contracts';
import { AppError } from '../../../common/errors/app-error';
import { Endpoint } from '../../../common/http/endpoint.decorator';
import type { Actor } from '../../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../../identity/decorators';
import type { Organization } from '../../organizations/organization.entity';
import { SurveyExportErrors } from './survey-export.errors';
import { SurveyExportService } from './survey-export.service';

const ActivityId = () =>
  Param(
    'activityId',
    new ParseUUIDPipe({ exceptionFactory: () => new AppError('plans.activity_not_found', 404, 'Activity not found') }),
  );
const ExportId = () => Param('exportId', new ParseUUIDPipe({ exceptionFactory: () => SurveyExportErrors.notFound() }));

const tags = ['surveys'];
const PLANNERS = ['planner', 'admin'] as const;

@Controller('api/orgs/:slug/surveys/:activityId/exports')
export class SurveyExportController {
  constructor(private readonly exports: SurveyExportService) {}

  @Post()
  @Roles(...PLANNERS)
  @Endpoint({
    summary: 'Export the submitted responses as CSV, XLSX or GeoJSON, as a background job (planner)',
    body: ZCreateSurveyExport,
    response: ZSurveyExport,
    tags,
  })
  create(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ActivityId() activityId: string,
    @Body() input: z.output<typeof ZCreateSurveyExport>,
  ) {
    return this.exports.request(org, actor, activityId, input.format);
  }

  @Get()
  @Roles(...PLANNERS)
  @Endpoint({
    summary: 'The planner’s recent exports of this survey, newest first (planner)',
    response: ZSurveyExportList,
    tags,
  })
  list(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @ActivityId() activityId: string) {
    return this.exports.list(org, actor, activityId);
  }

  @Get(':exportId')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'An export’s progress (the requesting planner)', response: ZSurveyExport, tags })
  get(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ActivityId() activityId: string,
    @ExportId() exportId: string,
  ) {
    return this.exports.get(org, actor, activityId, exportId);
  }

  @Get(':exportId/file')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Download a finished export until it expires (the requesting planner only)', tags })
  async file(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ActivityId() activityId: string,
    @ExportId() exportId: string,
    @Res() reply: FastifyReply,
  ) {
    const file = await this.exports.file(org, actor, activityId, exportId);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.stream);
  }
}
