import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  type ErrorCode,
  ZActivity,
  ZActivityWindowAction,
  ZChangePlanStatus,
  ZCommittee,
  ZCreateActivity,
  ZCreatePlan,
  ZCreatePlanRevision,
  ZCreateStage,
  ZMyFollow,
  ZOpenActivity,
  ZParticipationCheck,
  ZPlan,
  ZPlanSummary,
  ZReorderStages,
  ZSaveCommittee,
  ZSaveUpstreamDocument,
  ZStage,
  ZUpdateActivity,
  ZUpdateCommittee,
  ZUpdatePlan,
  ZUpdateStage,
  ZUpdateUpstreamDocument,
  ZUpstreamDocument,
} from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../identity/decorators';
import { MembershipsService } from '../identity/memberships.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { CommitteesService } from './committees.service';
import { ParticipationService } from './participation.service';
import { PlansService } from './plans.service';
import { StagesService } from './stages.service';

/** A route id that must be a UUID; anything else is simply not found. */
const Id = (name: string, code: ErrorCode) =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new AppError(code, 404, 'Not found') }));

const PLANNER = ['planner', 'admin'] as const;
const tags = ['plans'];

@Controller('api/orgs/:slug')
export class PlansController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly memberships: MembershipsService,
    private readonly plans: PlansService,
    private readonly stages: StagesService,
    private readonly committees: CommitteesService,
    private readonly participation: ParticipationService,
  ) {}

  // ---- plans -------------------------------------------------------------------------------

  @Get('plans')
  @Endpoint({ summary: "The municipality's plans", response: z.array(ZPlanSummary), tags })
  async list(@Param('slug') slug: string) {
    return this.plans.list(await this.organizations.getBySlug(slug));
  }

  @Get('open-activities')
  // The same for everyone and read by every home page: a short public cache absorbs the load.
  @Header('cache-control', 'public, max-age=30')
  @Endpoint({ summary: 'What people can take part in now (home page)', response: z.array(ZOpenActivity), tags })
  async openActivities(@Param('slug') slug: string) {
    return this.stages.openNow(await this.organizations.getBySlug(slug));
  }

  @Get('me/follows')
  @Endpoint({ summary: 'My activity: the plans and stages I follow here, and where each stands', response: z.array(ZMyFollow), tags })
  async followed(@Param('slug') slug: string, @CurrentActor() actor: Actor) {
    return this.plans.followedBy(await this.organizations.getBySlug(slug), actor);
  }

  @Post('plans')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Create a plan (planner)', body: ZCreatePlan, response: ZPlan, status: 201, tags })
  create(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Body() input: z.output<typeof ZCreatePlan>) {
    return this.plans.create(org, actor, input);
  }

  @Get('plans/:planId')
  @Endpoint({ summary: 'The plan page: stages, activities, committees, documents, attachments, history', response: ZPlan, tags })
  async get(@Param('slug') slug: string, @Id('planId', 'plans.not_found') planId: string, @CurrentActor({ optional: true }) actor?: Actor) {
    return this.plans.page(await this.organizations.getBySlug(slug), planId, actor?.accountId ?? null);
  }

  @Patch('plans/:planId')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Edit a plan (planner)', body: ZUpdatePlan, response: ZPlan, tags })
  update(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('planId', 'plans.not_found') planId: string,
    @Body() input: z.output<typeof ZUpdatePlan>,
  ) {
    return this.plans.update(org, actor, planId, input);
  }

  @Post('plans/:planId/status')
  @HttpCode(200)
  @Roles(...PLANNER)
  @Endpoint({ summary: "Move a plan along its lifecycle (planner)", body: ZChangePlanStatus, response: ZPlan, tags })
  changeStatus(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('planId', 'plans.not_found') planId: string,
    @Body() input: z.output<typeof ZChangePlanStatus>,
  ) {
    return this.plans.changeStatus(org, actor, planId, input);
  }

  @Post('plans/:planId/revisions')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Record a yearly revision (planner)', body: ZCreatePlanRevision, response: ZPlan, status: 201, tags })
  addRevision(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('planId', 'plans.not_found') planId: string,
    @Body() input: z.output<typeof ZCreatePlanRevision>,
  ) {
    return this.plans.addRevision(org, actor, planId, input);
  }

  // ---- stages ------------------------------------------------------------------------------

  @Post('plans/:planId/stages')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Add a stage (planner)', body: ZCreateStage, response: ZStage, status: 201, tags })
  createStage(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('planId', 'plans.not_found') planId: string,
    @Body() input: z.output<typeof ZCreateStage>,
  ) {
    return this.stages.create(org, actor, planId, input);
  }

  @Put('plans/:planId/stages/order')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Reorder the stages (planner)', body: ZReorderStages, response: z.array(ZStage), tags })
  reorder(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('planId', 'plans.not_found') planId: string,
    @Body() input: z.output<typeof ZReorderStages>,
  ) {
    return this.stages.reorder(org, actor, planId, input);
  }

  @Get('stages/:stageId')
  @Endpoint({ summary: 'A stage with its activities', response: ZStage, tags })
  async getStage(@Param('slug') slug: string, @Id('stageId', 'plans.stage_not_found') stageId: string) {
    return this.stages.get(await this.organizations.getBySlug(slug), stageId);
  }

  @Patch('stages/:stageId')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Edit a stage (planner)', body: ZUpdateStage, response: ZStage, tags })
  updateStage(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('stageId', 'plans.stage_not_found') stageId: string,
    @Body() input: z.output<typeof ZUpdateStage>,
  ) {
    return this.stages.update(org, actor, stageId, input);
  }

  @Delete('stages/:stageId')
  @HttpCode(204)
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Delete a stage and its activities (planner)', status: 204, tags })
  async removeStage(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Id('stageId', 'plans.stage_not_found') stageId: string) {
    await this.stages.remove(org, actor, stageId);
  }

  // ---- activities --------------------------------------------------------------------------

  @Post('stages/:stageId/activities')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Add an activity to a stage (planner)', body: ZCreateActivity, response: ZActivity, status: 201, tags })
  createActivity(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('stageId', 'plans.stage_not_found') stageId: string,
    @Body() input: z.output<typeof ZCreateActivity>,
  ) {
    return this.stages.createActivity(org, actor, stageId, input);
  }

  @Patch('activities/:activityId')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Edit an activity (planner)', body: ZUpdateActivity, response: ZActivity, tags })
  updateActivity(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('activityId', 'plans.activity_not_found') activityId: string,
    @Body() input: z.output<typeof ZUpdateActivity>,
  ) {
    return this.stages.updateActivity(org, actor, activityId, input);
  }

  @Post('activities/:activityId/open')
  @HttpCode(200)
  @Roles(...PLANNER)
  @Endpoint({ summary: "Open an activity's window now (planner)", body: ZActivityWindowAction, response: ZActivity, tags })
  openActivity(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Id('activityId', 'plans.activity_not_found') activityId: string) {
    return this.stages.openActivity(org, actor, activityId);
  }

  @Post('activities/:activityId/close')
  @HttpCode(200)
  @Roles(...PLANNER)
  @Endpoint({ summary: "Close an activity's window now (planner)", body: ZActivityWindowAction, response: ZActivity, tags })
  closeActivity(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Id('activityId', 'plans.activity_not_found') activityId: string) {
    return this.stages.closeActivity(org, actor, activityId);
  }

  @Get('activities/:activityId/participation')
  @Endpoint({ summary: 'Whether I may take part in an activity now', response: ZParticipationCheck, tags })
  async participationOf(
    @Param('slug') slug: string,
    @Id('activityId', 'plans.activity_not_found') activityId: string,
    @CurrentActor({ optional: true }) actor?: Actor,
  ) {
    const org = await this.organizations.getBySlug(slug);
    const activity = await this.stages.getActivity(org.id, activityId);
    const membership = actor ? await this.memberships.find(org.id, actor.accountId) : null;
    return this.participation.check(activity, actor, membership);
  }

  // ---- committees --------------------------------------------------------------------------

  @Post('plans/:planId/committees')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Add a committee (planner)', body: ZSaveCommittee, response: ZCommittee, status: 201, tags })
  createCommittee(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('planId', 'plans.not_found') planId: string,
    @Body() input: z.output<typeof ZSaveCommittee>,
  ) {
    return this.committees.create(org, actor, planId, input);
  }

  @Get('committees/:committeeId')
  @Endpoint({ summary: 'A committee', response: ZCommittee, tags })
  async getCommittee(@Param('slug') slug: string, @Id('committeeId', 'plans.committee_not_found') committeeId: string) {
    return this.committees.get(await this.organizations.getBySlug(slug), committeeId);
  }

  @Patch('committees/:committeeId')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Edit a committee (planner)', body: ZUpdateCommittee, response: ZCommittee, tags })
  updateCommittee(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('committeeId', 'plans.committee_not_found') committeeId: string,
    @Body() input: z.output<typeof ZUpdateCommittee>,
  ) {
    return this.committees.update(org, actor, committeeId, input);
  }

  @Delete('committees/:committeeId')
  @HttpCode(204)
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Delete a committee (planner)', status: 204, tags })
  async removeCommittee(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('committeeId', 'plans.committee_not_found') committeeId: string,
  ) {
    await this.committees.remove(org, actor, committeeId);
  }

  // ---- upstream documents ------------------------------------------------------------------

  @Post('plans/:planId/upstream-documents')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Add an upstream document (planner)', body: ZSaveUpstreamDocument, response: ZUpstreamDocument, status: 201, tags })
  createDocument(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('planId', 'plans.not_found') planId: string,
    @Body() input: z.output<typeof ZSaveUpstreamDocument>,
  ) {
    return this.committees.createDocument(org, actor, planId, input);
  }

  @Patch('upstream-documents/:documentId')
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Edit an upstream document; directions are replaced (planner)', body: ZUpdateUpstreamDocument, response: ZUpstreamDocument, tags })
  updateDocument(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('documentId', 'plans.upstream_document_not_found') documentId: string,
    @Body() input: z.output<typeof ZUpdateUpstreamDocument>,
  ) {
    return this.committees.updateDocument(org, actor, documentId, input);
  }

  @Delete('upstream-documents/:documentId')
  @HttpCode(204)
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Delete an upstream document (planner)', status: 204, tags })
  async removeDocument(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Id('documentId', 'plans.upstream_document_not_found') documentId: string,
  ) {
    await this.committees.removeDocument(org, actor, documentId);
  }
}
