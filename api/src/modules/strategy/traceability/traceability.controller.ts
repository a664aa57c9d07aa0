import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  type ErrorCode,
  ZCreateTraceLink,
  ZPlanResponse,
  ZPublicProject,
  ZTraceCandidateQuery,
  ZTraceCandidates,
  ZTraceCoverage,
  ZTraceLink,
} from '@hamandishi/contracts';
import { AppError } from '../../../common/errors/app-error';
import { Endpoint } from '../../../common/http/endpoint.decorator';
import type { Actor } from '../../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../../identity/decorators';
import type { Organization } from '../../organizations/organization.entity';
import { OrganizationsService } from '../../organizations/organizations.service';
import { TraceabilityService } from './traceability.service';

const Id = (name: string, code: ErrorCode) => Param(name, new ParseUUIDPipe({ exceptionFactory: () => new AppError(code, 404, 'Not found') }));
const PLANNER = ['planner', 'admin'] as const;
const tags = ['strategy traceability'];
const ZLinks = z.array(ZTraceLink);

/** Links from demands to the plan (planners), and what citizens see of them (public). */
@Controller('api/orgs/:slug')
export class TraceabilityController {
  constructor(
    private readonly trace: TraceabilityService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get('plans/:planId/trace/links')
  @Roles(...PLANNER)
  @Endpoint({ summary: "The plan's links from demands, demand groups and focus points to goals, outputs and projects (planner)", response: ZLinks, tags })
  links(@CurrentOrganization() org: Organization, @Id('planId', 'strategy_monitoring.plan_not_found') planId: string) {
    return this.trace.links(org, planId);
  }

  @Post('plans/:planId/trace/links')
  @HttpCode(201)
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Link a demand, demand group or focus point to a goal, output or project (planner)', body: ZCreateTraceLink, response: ZLinks, status: 201, tags })
  link(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('planId', 'strategy_monitoring.plan_not_found') planId: string,
    @Body() input: z.output<typeof ZCreateTraceLink>,
  ) {
    return this.trace.link(org, actor, planId, input);
  }

  @Post('plans/:planId/trace/links/:linkId/remove')
  @HttpCode(200)
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Remove a link (planner)', response: ZLinks, tags })
  unlink(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('planId', 'strategy_monitoring.plan_not_found') planId: string,
    @Id('linkId', 'strategy_trace.link_not_found') linkId: string,
  ) {
    return this.trace.unlink(org, actor, planId, linkId);
  }

  @Get('plans/:planId/trace/candidates')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Demand groups, demands and focus points of the plan matching a search (planner)', query: ZTraceCandidateQuery, response: ZTraceCandidates, tags })
  candidates(
    @CurrentOrganization() org: Organization,
    @Id('planId', 'strategy_monitoring.plan_not_found') planId: string,
    @Query() query: z.output<typeof ZTraceCandidateQuery>,
  ) {
    return this.trace.candidates(org, planId, query.q);
  }

  @Get('plans/:planId/trace/coverage')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Focus points and demand groups with how many projects answer each (planner)', response: ZTraceCoverage, tags })
  coverage(@CurrentOrganization() org: Organization, @Id('planId', 'strategy_monitoring.plan_not_found') planId: string) {
    return this.trace.coverage(org, planId);
  }

  @Get('problems/:problemId/plan-response')
  @Endpoint({ summary: 'What the plan does about a problem: the projects answering it, with status and progress', response: ZPlanResponse, tags })
  async planResponse(@Param('slug') slug: string, @Id('problemId', 'strategy_trace.problem_not_found') problemId: string) {
    return this.trace.planResponse(await this.organizations.getBySlug(slug), problemId);
  }

  @Get('strategy/projects/:projectId')
  @Endpoint({ summary: "A project's public page: what it is, how far it got, the demands it answers (no person named)", response: ZPublicProject, tags })
  async project(@Param('slug') slug: string, @Id('projectId', 'strategy_trace.project_not_found') projectId: string) {
    return this.trace.publicProject(await this.organizations.getBySlug(slug), projectId);
  }
}
