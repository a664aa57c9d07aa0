import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import type { z } from 'zod';
import {
  ZAttachment,
  ZCreatedSurveyInvites,
  ZCreateSurveyInvites,
  ZDuplicateSurvey,
  ZPutSurveyDefinition,
  ZSaveSurveyDraft,
  ZSubmitSurveyResponse,
  ZSurveyAdmin,
  ZSurveyForRespondent,
  ZSurveyInvite,
  ZSurveyInviteList,
  ZSurveyImageQuery,
  ZSurveyInviteQuery,
  ZSurveyResponseReceipt,
  ZSurveySettings,
  ZSurveyVersionList,
} from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor, AppRequest } from '../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../identity/decorators';
import { MembershipsService } from '../identity/memberships.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { type RespondentContext, SurveysService } from './surveys.service';

const ActivityId = () =>
  Param('activityId', new ParseUUIDPipe({ exceptionFactory: () => new AppError('plans.activity_not_found', 404, 'Activity not found') }));
const InviteId = () =>
  Param('inviteId', new ParseUUIDPipe({ exceptionFactory: () => new AppError('surveys.invite_not_found', 404, 'Invite not found') }));

const tags = ['surveys'];
const PLANNERS = ['planner', 'admin'] as const;

@Controller('api/orgs/:slug/surveys/:activityId')
export class SurveysController {
  constructor(
    private readonly surveys: SurveysService,
    private readonly organizations: OrganizationsService,
    private readonly memberships: MembershipsService,
  ) {}

  // ---- planner -----------------------------------------------------------------------------

  @Get()
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'The survey as its builder sees it (planner)', response: ZSurveyAdmin, tags })
  get(@CurrentOrganization() org: Organization, @ActivityId() activityId: string) {
    return this.surveys.get(org, activityId);
  }

  @Put('definition')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Save the definition; after the first response only wording fixes, versioned (planner)', body: ZPutSurveyDefinition, response: ZSurveyAdmin, tags })
  putDefinition(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ActivityId() activityId: string,
    @Body() input: z.output<typeof ZPutSurveyDefinition>,
  ) {
    return this.surveys.putDefinition(org, actor, activityId, input);
  }

  @Put('settings')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Audience, anonymity and demographics of the survey (planner)', body: ZSurveySettings, response: ZSurveyAdmin, tags })
  putSettings(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ActivityId() activityId: string,
    @Body() input: z.output<typeof ZSurveySettings>,
  ) {
    return this.surveys.putSettings(org, actor, activityId, input);
  }

  @Post('duplicate')
  @Roles(...PLANNERS)
  @HttpCode(200)
  @Endpoint({ summary: 'Copy this survey into another survey activity without responses (planner)', body: ZDuplicateSurvey, response: ZSurveyAdmin, tags })
  duplicate(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ActivityId() activityId: string,
    @Body() input: z.output<typeof ZDuplicateSurvey>,
  ) {
    return this.surveys.duplicate(org, actor, activityId, input.targetActivityId);
  }

  @Get('versions')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Older definitions kept by wording fixes (planner)', response: ZSurveyVersionList, tags })
  versions(@CurrentOrganization() org: Organization, @ActivityId() activityId: string) {
    return this.surveys.versions(org, activityId);
  }

  @Post('invites')
  @Roles(...PLANNERS)
  @HttpCode(201)
  @Endpoint({ summary: 'Create personal links; the tokens are shown this once (planner)', body: ZCreateSurveyInvites, response: ZCreatedSurveyInvites, status: 201, tags })
  createInvites(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @ActivityId() activityId: string,
    @Body() input: z.output<typeof ZCreateSurveyInvites>,
  ) {
    return this.surveys.createInvites(org, actor, activityId, input);
  }

  @Get('invites')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'The personal links of the survey, without tokens (planner)', response: ZSurveyInviteList, tags })
  listInvites(@CurrentOrganization() org: Organization, @ActivityId() activityId: string) {
    return this.surveys.listInvites(org, activityId);
  }

  @Post('invites/:inviteId/revoke')
  @Roles(...PLANNERS)
  @HttpCode(200)
  @Endpoint({ summary: 'Revoke a personal link (planner)', response: ZSurveyInvite, tags })
  revokeInvite(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @ActivityId() activityId: string, @InviteId() inviteId: string) {
    return this.surveys.revokeInvite(org, actor, activityId, inviteId);
  }

  // ---- respondent --------------------------------------------------------------------------

  @Get('respond')
  @Endpoint({ summary: 'The survey to answer, with one’s draft or response', query: ZSurveyInviteQuery, response: ZSurveyForRespondent, tags })
  async respond(
    @Param('slug') slug: string,
    @ActivityId() activityId: string,
    @Query() query: z.output<typeof ZSurveyInviteQuery>,
    @Req() request: AppRequest,
    @CurrentActor({ optional: true }) actor?: Actor,
  ) {
    const org = await this.organizations.getBySlug(slug);
    return this.surveys.forRespondent(org, activityId, await this.context(org, query, request, actor));
  }

  @Post('images')
  @HttpCode(201)
  @Endpoint({ summary: 'Upload the image answering a file question (raw bytes; re-encoded without metadata)', query: ZSurveyImageQuery, response: ZAttachment, status: 201, tags })
  async uploadImage(
    @Param('slug') slug: string,
    @ActivityId() activityId: string,
    @Query() query: z.output<typeof ZSurveyImageQuery>,
    @Body() body: unknown,
    @Req() request: AppRequest,
    @CurrentActor({ optional: true }) actor?: Actor,
  ) {
    if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('common.unsupported_media_type', 415, 'Send the image itself as the body');
    const org = await this.organizations.getBySlug(slug);
    return this.surveys.uploadImage(org, activityId, await this.context(org, query, request, actor), query.filename, body);
  }

  @Put('response/draft')
  @Endpoint({ summary: 'Autosave the draft of one’s response', query: ZSurveyInviteQuery, body: ZSaveSurveyDraft, response: ZSurveyResponseReceipt, tags })
  async saveDraft(
    @Param('slug') slug: string,
    @ActivityId() activityId: string,
    @Query() query: z.output<typeof ZSurveyInviteQuery>,
    @Body() input: z.output<typeof ZSaveSurveyDraft>,
    @Req() request: AppRequest,
    @CurrentActor({ optional: true }) actor?: Actor,
  ) {
    const org = await this.organizations.getBySlug(slug);
    return this.surveys.saveDraft(org, activityId, await this.context(org, query, request, actor), input.answers);
  }

  @Post('response')
  @HttpCode(201)
  @Endpoint({ summary: 'Submit one’s response (once; idempotent by Idempotency-Key)', query: ZSurveyInviteQuery, body: ZSubmitSurveyResponse, response: ZSurveyResponseReceipt, status: 201, tags })
  async submit(
    @Param('slug') slug: string,
    @ActivityId() activityId: string,
    @Query() query: z.output<typeof ZSurveyInviteQuery>,
    @Body() input: z.output<typeof ZSubmitSurveyResponse>,
    @Req() request: AppRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentActor({ optional: true }) actor?: Actor,
  ) {
    const org = await this.organizations.getBySlug(slug);
    return this.surveys.submit(org, activityId, await this.context(org, query, request, actor), input, idempotencyKey?.slice(0, 200) ?? null);
  }

  @Put('response')
  @Endpoint({ summary: 'Edit one’s submitted response while the survey is open', query: ZSurveyInviteQuery, body: ZSubmitSurveyResponse, response: ZSurveyResponseReceipt, tags })
  async edit(
    @Param('slug') slug: string,
    @ActivityId() activityId: string,
    @Query() query: z.output<typeof ZSurveyInviteQuery>,
    @Body() input: z.output<typeof ZSubmitSurveyResponse>,
    @Req() request: AppRequest,
    @CurrentActor({ optional: true }) actor?: Actor,
  ) {
    const org = await this.organizations.getBySlug(slug);
    return this.surveys.edit(org, activityId, await this.context(org, query, request, actor), input);
  }

  private async context(org: Organization, query: { invite?: string }, request: AppRequest, actor?: Actor): Promise<RespondentContext> {
    const membership = actor ? await this.memberships.find(org.id, actor.accountId) : null;
    return { actor, membership, invite: query.invite, browserKey: request.csrfToken };
  }
}
