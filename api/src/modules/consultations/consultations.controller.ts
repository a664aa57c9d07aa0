import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  ZAmendment,
  ZAmendmentQuery,
  ZAmendmentStatus,
  ZConsultation,
  ZConsultationQuery,
  ZConsultationReport,
  ZCommentSearchPage,
  ZCommentSearchQuery,
  ZCreateAmendment,
  ZDiffQuery,
  ZEditionDiff,
  ZEditionSource,
  ZEditionSummary,
  ZImportEdition,
  ZReportQuery,
  ZSaveEdition,
  ZSectionCommittee,
  ZSupportAmendment,
} from '@hamandishi/contracts';
import { toCsv } from '../../common/export/csv';
import { toXlsx } from '../../common/export/xlsx';
import { AppError } from '../../common/errors/app-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentMembership, CurrentOrganization, Roles } from '../identity/decorators';
import type { MembershipRow } from '../identity/memberships.repository';
import { MembershipsService } from '../identity/memberships.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { AmendmentsService } from './amendments.service';
import { ConsultationReportService } from './consultation-report.service';
import { EditionsService } from './editions.service';
import { CONSULTATION_MANAGERS, ReadingService } from './reading.service';

const ActivityId = () =>
  Param(
    'activityId',
    new ParseUUIDPipe({ exceptionFactory: () => new AppError('plans.activity_not_found', 404, 'Activity not found') }),
  );
const AmendmentId = () =>
  Param(
    'amendmentId',
    new ParseUUIDPipe({
      exceptionFactory: () => new AppError('consultations.amendment_not_found', 404, 'No such amendment'),
    }),
  );
const SectionId = () =>
  Param(
    'sectionId',
    new ParseUUIDPipe({
      exceptionFactory: () => new AppError('consultations.section_not_found', 404, 'No such section'),
    }),
  );
const EditionNumber = () =>
  Param(
    'number',
    new ParseIntPipe({
      exceptionFactory: () => new AppError('consultations.edition_not_found', 404, 'No such edition'),
    }),
  );

const tags = ['consultations'];
const ZAmendmentList = z.object({ items: z.array(ZAmendment) });
const ZSectionCommitteeResult = z.object({ sectionId: z.uuid(), committeeId: z.uuid().nullable() });

@Controller('api/orgs/:slug/consultations/:activityId')
export class ConsultationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly memberships: MembershipsService,
    private readonly reading: ReadingService,
    private readonly editions: EditionsService,
    private readonly amendments: AmendmentsService,
    private readonly reports: ConsultationReportService,
  ) {}

  @Get()
  @Endpoint({
    summary: 'The reading view: an edition with its sections, paragraphs and comment counts',
    query: ZConsultationQuery,
    response: ZConsultation,
    tags,
  })
  async view(
    @Param('slug') slug: string,
    @ActivityId() activityId: string,
    @Query() query: z.output<typeof ZConsultationQuery>,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentActor({ optional: true }) actor?: Actor,
  ) {
    const org = await this.organizations.getBySlug(slug);
    const membership = actor ? await this.memberships.find(org.id, actor.accountId) : null;
    const json = await this.reading.viewJson(org, activityId, query.edition, actor, membership);
    // Already serialised (and kept so for a second): sent as it is.
    void reply.header('content-type', 'application/json; charset=utf-8');
    return json;
  }

  @Get('diff')
  @Endpoint({
    summary: 'What changed between two editions, paragraph by paragraph',
    query: ZDiffQuery,
    response: ZEditionDiff,
    tags,
  })
  async diff(
    @Param('slug') slug: string,
    @ActivityId() activityId: string,
    @Query() query: z.output<typeof ZDiffQuery>,
    @CurrentActor({ optional: true }) actor?: Actor,
  ) {
    const org = await this.organizations.getBySlug(slug);
    const membership = actor ? await this.memberships.find(org.id, actor.accountId) : null;
    return this.reading.diff(org, activityId, query.from, query.to, actor, membership);
  }

  @Post('editions')
  @Roles(...CONSULTATION_MANAGERS)
  @Endpoint({
    summary: 'Start the draft of the next edition from blocks written in the browser (planner)',
    body: ZSaveEdition,
    response: ZEditionSummary,
    status: 201,
    tags,
  })
  create(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ActivityId() activityId: string,
    @Body() input: z.output<typeof ZSaveEdition>,
  ) {
    return this.editions.create(org, actor, activityId, input);
  }

  @Post('editions/import')
  @Roles(...CONSULTATION_MANAGERS)
  @Endpoint({
    summary: 'Start the draft of the next edition from an uploaded .docx (planner)',
    body: ZImportEdition,
    response: ZEditionSummary,
    status: 201,
    tags,
  })
  import(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ActivityId() activityId: string,
    @Body() input: z.output<typeof ZImportEdition>,
  ) {
    return this.editions.importDocx(org, actor, activityId, input);
  }

  @Get('editions/:number/source')
  @Roles(...CONSULTATION_MANAGERS)
  @Endpoint({ summary: 'An edition’s blocks as the editor edits them (planner)', response: ZEditionSource, tags })
  source(@CurrentOrganization() org: Organization, @ActivityId() activityId: string, @EditionNumber() number: number) {
    return this.editions.source(org.id, activityId, number);
  }

  @Put('editions/:number')
  @Roles(...CONSULTATION_MANAGERS)
  @Endpoint({ summary: 'Save the draft edition (planner)', body: ZSaveEdition, response: ZEditionSummary, tags })
  save(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ActivityId() activityId: string,
    @EditionNumber() number: number,
    @Body() input: z.output<typeof ZSaveEdition>,
  ) {
    return this.editions.save(org, actor, activityId, number, input);
  }

  @Delete('editions/:number')
  @HttpCode(204)
  @Roles(...CONSULTATION_MANAGERS)
  @Endpoint({ summary: 'Discard the draft edition (planner)', status: 204, tags })
  async discard(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ActivityId() activityId: string,
    @EditionNumber() number: number,
  ) {
    await this.editions.discard(org, actor, activityId, number);
  }

  @Post('editions/:number/publish')
  @HttpCode(200)
  @Roles(...CONSULTATION_MANAGERS)
  @Endpoint({
    summary: 'Publish the draft edition (planner); earlier editions stay readable',
    response: ZEditionSummary,
    tags,
  })
  publish(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ActivityId() activityId: string,
    @EditionNumber() number: number,
  ) {
    return this.editions.publish(org, actor, activityId, number);
  }

  @Get('amendments')
  @Endpoint({
    summary: 'A paragraph’s amendments, most supported first',
    query: ZAmendmentQuery,
    response: ZAmendmentList,
    tags,
  })
  async amendmentList(
    @Param('slug') slug: string,
    @ActivityId() activityId: string,
    @Query() query: z.output<typeof ZAmendmentQuery>,
    @CurrentActor({ optional: true }) actor?: Actor,
  ) {
    return {
      items: await this.amendments.list(await this.organizations.getBySlug(slug), activityId, query.blockId, actor),
    };
  }

  @Post('amendments')
  @Roles()
  @Endpoint({
    summary: 'Propose a rewording of a paragraph or a passage of it',
    body: ZCreateAmendment,
    response: ZAmendment,
    status: 201,
    tags,
  })
  propose(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CurrentMembership() membership: MembershipRow | null,
    @ActivityId() activityId: string,
    @Body() input: z.output<typeof ZCreateAmendment>,
  ) {
    return this.amendments.create(org, actor, membership, activityId, input);
  }

  @Post('amendments/:amendmentId/support')
  @HttpCode(200)
  @Roles()
  @Endpoint({
    summary: 'Support an amendment, or withdraw the support',
    body: ZSupportAmendment,
    response: ZAmendment,
    tags,
  })
  support(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CurrentMembership() membership: MembershipRow | null,
    @ActivityId() activityId: string,
    @AmendmentId() amendmentId: string,
    @Body() input: z.output<typeof ZSupportAmendment>,
  ) {
    return this.amendments.support(org, actor, membership, activityId, amendmentId, input.supported);
  }

  @Post('amendments/:amendmentId/status')
  @HttpCode(200)
  @Roles(...CONSULTATION_MANAGERS)
  @Endpoint({ summary: 'Accept or reject an amendment (planner)', body: ZAmendmentStatus, response: ZAmendment, tags })
  amendmentStatus(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ActivityId() activityId: string,
    @AmendmentId() amendmentId: string,
    @Body() input: z.output<typeof ZAmendmentStatus>,
  ) {
    return this.amendments.setStatus(org, actor, activityId, amendmentId, input);
  }

  @Get('report')
  @Roles(...CONSULTATION_MANAGERS)
  @Endpoint({
    summary:
      'The consultation report: every comment up to the edition counted per current paragraph, edition and committee; amendments, unanswered comments (planner)',
    query: ZReportQuery,
    response: ZConsultationReport,
    tags,
  })
  async report(
    @CurrentOrganization() org: Organization,
    @ActivityId() activityId: string,
    @Query() query: z.output<typeof ZReportQuery>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const json = await this.reports.reportJson(org, activityId, query.edition, query.lang);
    // Kept serialised per change (ReportCache): sent as it is.
    void reply.header('content-type', 'application/json; charset=utf-8');
    return json;
  }

  @Get('comments/search')
  @Roles(...CONSULTATION_MANAGERS)
  @Endpoint({
    summary: 'Search the consultation’s comments, Persian-normalised, with the paragraph each belongs to (planner)',
    query: ZCommentSearchQuery,
    response: ZCommentSearchPage,
    tags,
  })
  searchComments(
    @CurrentOrganization() org: Organization,
    @ActivityId() activityId: string,
    @Query() query: z.output<typeof ZCommentSearchQuery>,
  ) {
    return this.reports.searchComments(org, activityId, query);
  }

  @Put('sections/:sectionId/committee')
  @Roles(...CONSULTATION_MANAGERS)
  @Endpoint({
    summary: 'Make a committee of the plan responsible for a section; later editions keep it (planner)',
    body: ZSectionCommittee,
    response: ZSectionCommitteeResult,
    tags,
  })
  assignCommittee(
    @CurrentOrganization() org: Organization,
    @ActivityId() activityId: string,
    @SectionId() sectionId: string,
    @Body() input: z.output<typeof ZSectionCommittee>,
  ) {
    return this.reports.assignCommittee(org, activityId, sectionId, input.committeeId);
  }

  @Get('report.csv')
  @Roles(...CONSULTATION_MANAGERS)
  @Endpoint({
    summary:
      'The consultation report’s paragraphs as CSV in the planner’s language and calendar, formula-safe (planner)',
    query: ZReportQuery,
    tags,
  })
  async reportCsv(
    @CurrentOrganization() org: Organization,
    @ActivityId() activityId: string,
    @Query() query: z.output<typeof ZReportQuery>,
    @Res() reply: FastifyReply,
  ) {
    const { report, tables } = await this.reports.tables(org, activityId, query.edition, query.lang);
    return download(
      reply,
      toCsv(tables[0]),
      'text/csv; charset=utf-8',
      `consultation-report-edition-${report.edition.number}.csv`,
    );
  }

  @Get('report.xlsx')
  @Roles(...CONSULTATION_MANAGERS)
  @Endpoint({
    summary:
      'The consultation report as an Excel workbook in the planner’s language and calendar, formula-safe (planner)',
    query: ZReportQuery,
    tags,
  })
  async reportXlsx(
    @CurrentOrganization() org: Organization,
    @ActivityId() activityId: string,
    @Query() query: z.output<typeof ZReportQuery>,
    @Res() reply: FastifyReply,
  ) {
    const { report, tables } = await this.reports.tables(org, activityId, query.edition, query.lang);
    return download(
      reply,
      toXlsx(tables),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      `consultation-report-edition-${report.edition.number}.xlsx`,
    );
  }
}

function download(reply: FastifyReply, body: Buffer, contentType: string, filename: string) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}
