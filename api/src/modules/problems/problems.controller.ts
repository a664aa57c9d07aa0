import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  ZChangeProblemStatus,
  ZCreateProblem,
  ZDistrictSummary,
  ZDistrictSummaryQuery,
  ZMergeProblem,
  ZModerateProblem,
  ZModerationQueuePage,
  ZModerationQueueQuery,
  ZMyActivityQuery,
  ZMyProblemPage,
  ZMySupportPage,
  ZProblem,
  ZProblemListQuery,
  ZProblemPage,
  ZSimilarProblem,
  ZSimilarQuery,
  ZSupportState,
} from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentMembership, CurrentOrganization, Roles } from '../identity/decorators';
import type { MembershipRow } from '../identity/memberships.repository';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { ProblemsService } from './problems.service';

/** A problem id in the route: anything but a UUID is simply not found. */
const ProblemId = Param(
  'problemId',
  new ParseUUIDPipe({ exceptionFactory: () => new AppError('problems.not_found', 404, 'Problem not found') }),
);
const ActivityId = Param(
  'activityId',
  new ParseUUIDPipe({ exceptionFactory: () => new AppError('plans.activity_not_found', 404, 'Activity not found') }),
);
const PLANNER = ['planner', 'admin'] as const;
const MODERATOR = ['moderator', 'admin'] as const;
const tags = ['problems'];

@Controller('api/orgs/:slug')
export class ProblemsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly problems: ProblemsService,
  ) {}

  @Post('activities/:activityId/problems')
  @Roles()
  @Endpoint({
    summary: 'Report a problem in a problem collection activity',
    body: ZCreateProblem,
    response: ZProblem,
    status: 201,
    tags,
  })
  submit(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CurrentMembership() membership: MembershipRow | null,
    @ActivityId activityId: string,
    @Body() input: z.output<typeof ZCreateProblem>,
  ) {
    return this.problems.submit(org, actor, membership, activityId, input);
  }

  @Get('problems')
  @Endpoint({
    summary: 'Problems, filtered, newest or most supported first (keyset pages)',
    query: ZProblemListQuery,
    response: ZProblemPage,
    tags,
  })
  async list(
    @Param('slug') slug: string,
    @Query() query: z.output<typeof ZProblemListQuery>,
    @CurrentActor({ optional: true }) actor?: Actor,
  ) {
    return this.problems.list(await this.organizations.getBySlug(slug), query, actor);
  }

  @Get('me/problems')
  @Endpoint({
    summary: 'My activity: the problems I reported here and what became of each',
    query: ZMyActivityQuery,
    response: ZMyProblemPage,
    tags,
  })
  async mine(
    @Param('slug') slug: string,
    @CurrentActor() actor: Actor,
    @Query() query: z.output<typeof ZMyActivityQuery>,
  ) {
    return this.problems.problemsBy(await this.organizations.getBySlug(slug), actor, query);
  }

  @Get('me/supports')
  @Endpoint({
    summary: 'My activity: the problems I support here and what became of each',
    query: ZMyActivityQuery,
    response: ZMySupportPage,
    tags,
  })
  async supported(
    @Param('slug') slug: string,
    @CurrentActor() actor: Actor,
    @Query() query: z.output<typeof ZMyActivityQuery>,
  ) {
    return this.problems.supportedBy(await this.organizations.getBySlug(slug), actor, query);
  }

  @Get('problems/similar')
  @Endpoint({
    summary: 'Possible duplicates of a problem being typed',
    query: ZSimilarQuery,
    response: z.array(ZSimilarProblem),
    tags,
  })
  async similar(@Param('slug') slug: string, @Query() query: z.output<typeof ZSimilarQuery>) {
    return this.problems.similar(await this.organizations.getBySlug(slug), query);
  }

  @Get('problems/by-district')
  @Endpoint({
    summary: "Per district: citizens' and managers' problems and top themes",
    query: ZDistrictSummaryQuery,
    response: z.array(ZDistrictSummary),
    tags,
  })
  async byDistrict(@Param('slug') slug: string, @Query() query: z.output<typeof ZDistrictSummaryQuery>) {
    return this.problems.byDistrict(await this.organizations.getBySlug(slug), query);
  }

  @Get('problems/:problemId')
  @Endpoint({ summary: 'A problem page', response: ZProblem, tags })
  async get(
    @Param('slug') slug: string,
    @ProblemId problemId: string,
    @CurrentActor({ optional: true }) actor?: Actor,
  ) {
    return this.problems.page(await this.organizations.getBySlug(slug), problemId, actor);
  }

  @Put('problems/:problemId/support')
  @Roles()
  @Endpoint({ summary: 'Support a problem ("me too"); idempotent', response: ZSupportState, tags })
  support(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @ProblemId problemId: string) {
    return this.problems.support(org, actor, problemId);
  }

  @Delete('problems/:problemId/support')
  @Roles()
  @Endpoint({ summary: 'Withdraw a support; idempotent', response: ZSupportState, tags })
  withdraw(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @ProblemId problemId: string) {
    return this.problems.withdraw(org, actor, problemId);
  }

  @Post('problems/:problemId/status')
  @HttpCode(200)
  @Roles(...PLANNER)
  @Endpoint({
    summary: 'Move a problem along its workflow (planner)',
    body: ZChangeProblemStatus,
    response: ZProblem,
    tags,
  })
  changeStatus(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ProblemId problemId: string,
    @Body() input: z.output<typeof ZChangeProblemStatus>,
  ) {
    return this.problems.changeStatus(org, actor, problemId, input);
  }

  @Post('problems/:problemId/hide')
  @HttpCode(200)
  @Roles(...MODERATOR)
  @Endpoint({ summary: 'Hide a problem (moderator)', body: ZModerateProblem, response: ZProblem, tags })
  hide(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ProblemId problemId: string,
    @Body() input: z.output<typeof ZModerateProblem>,
  ) {
    return this.problems.setHidden(org, actor, problemId, true, input.reason);
  }

  @Post('problems/:problemId/restore')
  @HttpCode(200)
  @Roles(...MODERATOR)
  @Endpoint({ summary: 'Show a hidden problem again (moderator)', body: ZModerateProblem, response: ZProblem, tags })
  restore(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ProblemId problemId: string,
    @Body() input: z.output<typeof ZModerateProblem>,
  ) {
    return this.problems.setHidden(org, actor, problemId, false, input.reason);
  }

  @Post('problems/:problemId/merge')
  @HttpCode(200)
  @Roles(...MODERATOR)
  @Endpoint({
    summary: 'Merge a duplicate into another problem (moderator); answers the kept problem',
    body: ZMergeProblem,
    response: ZProblem,
    tags,
  })
  merge(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ProblemId problemId: string,
    @Body() input: z.output<typeof ZMergeProblem>,
  ) {
    return this.problems.merge(org, actor, problemId, input);
  }

  @Get('moderation/problems')
  @Roles(...MODERATOR)
  @Endpoint({
    summary: "The moderators' queue: newest problems, or the hidden ones",
    query: ZModerationQueueQuery,
    response: ZModerationQueuePage,
    tags,
  })
  queue(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZModerationQueueQuery>) {
    return this.problems.moderationQueue(org, query);
  }
}
