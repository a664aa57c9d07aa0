import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  ACCOUNTABILITY_DOWNLOADS,
  type ErrorCode,
  textVerbatim,
  ZAccountabilityDashboard,
  ZAttachment,
  ZMonitoringOverview,
  ZMonitoringRules,
  ZMonitoringSaved,
  ZRecordMeasurement,
  ZRecordProjectReport,
  ZUnitContactInput,
} from '@hamandishi/contracts';
import { AppError } from '../../../common/errors/app-error';
import { Endpoint } from '../../../common/http/endpoint.decorator';
import type { Actor } from '../../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../../identity/decorators';
import type { Organization } from '../../organizations/organization.entity';
import { OrganizationsService } from '../../organizations/organizations.service';
import { MonitoringService } from './monitoring.service';

const Id = (name: string, code: ErrorCode) => Param(name, new ParseUUIDPipe({ exceptionFactory: () => new AppError(code, 404, 'Not found') }));
const PLANNER = ['planner', 'admin'] as const;
const tags = ['strategy monitoring'];

const ZEvidenceQuery = z.strictObject({ filename: textVerbatim({ min: 1, max: 1000 }) });
const ZClosedYears = z.object({ closedYears: z.array(z.number()) });
const ZContacts = z.object({ contacts: z.array(z.object({ unit: z.string(), accountId: z.string(), displayName: z.string().nullable() })) });
const ZYear = z.coerce.number().int().min(1300).max(1500);

/** Monitoring (planners) and the public accountability dashboard of a plan. */
@Controller('api/orgs/:slug/plans/:planId')
export class MonitoringController {
  constructor(
    private readonly monitoring: MonitoringService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get('monitoring')
  @Roles(...PLANNER)
  @Endpoint({ summary: "The plan's monitoring: indicators and projects with their measured figures and statuses, rules, closed years (planner)", response: ZMonitoringOverview, tags })
  overview(@CurrentOrganization() org: Organization, @Id('planId', 'strategy_monitoring.plan_not_found') planId: string) {
    return this.monitoring.overview(org, planId);
  }

  @Post('monitoring/measurements')
  @HttpCode(200)
  @Roles(...PLANNER)
  @Endpoint({ summary: "Record or correct an indicator's measurement for a Jalali year or quarter (planner)", body: ZRecordMeasurement, response: ZMonitoringSaved, tags })
  measure(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('planId', 'strategy_monitoring.plan_not_found') planId: string,
    @Body() input: z.output<typeof ZRecordMeasurement>,
  ) {
    return this.monitoring.recordMeasurement(org, actor, planId, input);
  }

  @Post('monitoring/reports')
  @HttpCode(200)
  @Roles(...PLANNER)
  @Endpoint({ summary: "Record a project's progress and spending for a Jalali year or quarter (planner)", body: ZRecordProjectReport, response: ZMonitoringSaved, tags })
  report(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('planId', 'strategy_monitoring.plan_not_found') planId: string,
    @Body() input: z.output<typeof ZRecordProjectReport>,
  ) {
    return this.monitoring.recordReport(org, actor, planId, input);
  }

  @Post('monitoring/evidence/:ownerId')
  @HttpCode(201)
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Attach the evidence file of a measurement or report (the file itself as the body) (planner)', query: ZEvidenceQuery, response: ZAttachment, status: 201, tags })
  evidence(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('planId', 'strategy_monitoring.plan_not_found') planId: string,
    @Id('ownerId', 'strategy_monitoring.measurement_not_found') ownerId: string,
    @Query() query: z.output<typeof ZEvidenceQuery>,
    @Body() body: unknown,
  ) {
    if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('common.unsupported_media_type', 415, 'Send the file itself as the body');
    return this.monitoring.uploadEvidence(org, actor, planId, ownerId, query.filename, body);
  }

  @Put('monitoring/rules')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Set the thresholds of on track / at risk / off track (planner)', body: ZMonitoringRules, response: ZMonitoringRules, tags })
  saveRules(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('planId', 'strategy_monitoring.plan_not_found') planId: string,
    @Body() input: z.output<typeof ZMonitoringRules>,
  ) {
    return this.monitoring.saveRules(org, actor, planId, input);
  }

  @Post('monitoring/years/:year/close')
  @HttpCode(200)
  @Roles(...PLANNER)
  @Endpoint({ summary: "Close a year's monitoring: its figures can no longer change (planner)", response: ZClosedYears, tags })
  close(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Id('planId', 'strategy_monitoring.plan_not_found') planId: string, @Param('year') year: string) {
    return this.monitoring.setYearClosed(org, actor, planId, parseYear(year), true);
  }

  @Post('monitoring/years/:year/reopen')
  @HttpCode(200)
  @Roles(...PLANNER)
  @Endpoint({ summary: "Reopen a closed year's monitoring (planner)", response: ZClosedYears, tags })
  reopen(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Id('planId', 'strategy_monitoring.plan_not_found') planId: string, @Param('year') year: string) {
    return this.monitoring.setYearClosed(org, actor, planId, parseYear(year), false);
  }

  @Post('monitoring/contacts')
  @HttpCode(200)
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Alert a member when a figure of a responsible unit goes off track (planner)', body: ZUnitContactInput, response: ZContacts, tags })
  addContact(@CurrentOrganization() org: Organization, @Id('planId', 'strategy_monitoring.plan_not_found') planId: string, @Body() input: z.output<typeof ZUnitContactInput>) {
    return this.monitoring.addContact(org, planId, input.unit, input.accountId);
  }

  @Post('monitoring/contacts/remove')
  @HttpCode(200)
  @Roles(...PLANNER)
  @Endpoint({ summary: "Stop alerting a member for a unit (planner)", body: ZUnitContactInput, response: ZContacts, tags })
  removeContact(@CurrentOrganization() org: Organization, @Id('planId', 'strategy_monitoring.plan_not_found') planId: string, @Body() input: z.output<typeof ZUnitContactInput>) {
    return this.monitoring.removeContact(org, planId, input.unit, input.accountId);
  }

  // ---- public ------------------------------------------------------------------------------

  @Get('accountability')
  @Endpoint({ summary: "The public accountability dashboard's data in one request (figures only, no person)", response: ZAccountabilityDashboard, tags })
  async dashboard(@Param('slug') slug: string, @Id('planId', 'strategy_monitoring.plan_not_found') planId: string) {
    return this.monitoring.dashboard(await this.organizations.getBySlug(slug), planId);
  }

  @Get('accountability/:file')
  @Endpoint({ summary: 'One table of the dashboard as CSV (goals.csv, indicators.csv, measurements.csv, projects.csv, districts.csv; formula-safe)', tags })
  async download(@Param('slug') slug: string, @Id('planId', 'strategy_monitoring.plan_not_found') planId: string, @Param('file') file: string, @Res() reply: FastifyReply) {
    const kind = ACCOUNTABILITY_DOWNLOADS.find((k) => `${k}.csv` === file);
    if (!kind) throw new AppError('common.not_found', 404, 'Not found');
    const org = await this.organizations.getBySlug(slug);
    const body = await this.monitoring.download(org, planId, kind);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${kind}-${org.slug}.csv"`)
      .header('cache-control', 'public, max-age=60')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  }
}

function parseYear(value: string): number {
  const parsed = ZYear.safeParse(value);
  if (!parsed.success) throw new AppError('strategy_monitoring.year_outside_plan', 400, 'Not a Jalali year of the plan', { year: 'invalid_value' });
  return parsed.data;
}
