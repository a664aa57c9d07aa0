import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { ZCreateDemandExport, ZDemandExport, ZDemandExportList, ZDemandExportListQuery } from '@hamandishi/contracts';
import { Endpoint } from '../../../common/http/endpoint.decorator';
import type { Actor } from '../../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../../identity/decorators';
import type { Organization } from '../../organizations/organization.entity';
import { DemandExportErrors } from './demand-export.errors';
import { DemandExportService } from './demand-export.service';

const ExportId = () => Param('exportId', new ParseUUIDPipe({ exceptionFactory: () => DemandExportErrors.notFound() }));

const tags = ['demands'];
const PLANNERS = ['planner', 'admin'] as const;

/** Exports of the filtered demands and the supporting-document report (planners of the municipality). */
@Controller('api/orgs/:slug/demands/exports')
export class DemandExportController {
  constructor(private readonly exports: DemandExportService) {}

  @Post()
  @Roles(...PLANNERS)
  @Endpoint({
    summary: 'Export the filtered demands (CSV, XLSX, JSON, GeoJSON) or the supporting-document report (PDF, DOCX), as a background job (planner)',
    body: ZCreateDemandExport,
    response: ZDemandExport,
    tags,
  })
  create(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Body() input: z.output<typeof ZCreateDemandExport>,
  ) {
    return this.exports.request(org, actor, input);
  }

  @Get()
  @Roles(...PLANNERS)
  @Endpoint({
    summary: 'The planner’s recent demands exports of a plan, newest first (planner)',
    query: ZDemandExportListQuery,
    response: ZDemandExportList,
    tags,
  })
  list(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Query() query: z.output<typeof ZDemandExportListQuery>,
  ) {
    return this.exports.list(org, actor, query.planId);
  }

  @Get(':exportId')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'A demands export’s progress (the requesting planner)', response: ZDemandExport, tags })
  get(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @ExportId() exportId: string) {
    return this.exports.get(org, actor, exportId);
  }

  @Get(':exportId/file')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Download a finished demands export until it expires (the requesting planner only)', tags })
  async file(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ExportId() exportId: string,
    @Res() reply: FastifyReply,
  ) {
    const file = await this.exports.file(org, actor, exportId);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.stream);
  }
}
