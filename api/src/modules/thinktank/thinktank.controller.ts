import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  ZCreateThinktankInvitations,
  ZCreateThinktankOutput,
  ZCreateThinktankSession,
  ZMyThinktankInvitation,
  ZPublicThinktankSession,
  ZThinktankAttendance,
  ZThinktankAttendee,
  ZThinktankDashboard,
  ZThinktankExportQuery,
  ZThinktankInvitationList,
  ZThinktankInvitationsResult,
  ZThinktankMinutes,
  ZThinktankMinutesView,
  ZThinktankOutputList,
  ZThinktankPeople,
  ZThinktankPeopleQuery,
  ZThinktankStakeholderQuery,
  ZThinktankStakeholders,
  ZThinktankQr,
  ZThinktankQrCheckIn,
  ZThinktankRsvpAnswer,
  ZThinktankRsvpPreview,
  ZThinktankSession,
  ZThinktankSessionList,
  ZThinktankSessionQuery,
  ZUpdateThinktankSession,
} from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { toCsv } from '../../common/export/csv';
import { toXlsx } from '../../common/export/xlsx';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles, SignedIn } from '../identity/decorators';
import type { Organization } from '../organizations/organization.entity';
import { MembershipsService } from '../identity/memberships.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { ThinktankErrors } from './thinktank.errors';
import { ThinktankAttendanceService } from './thinktank-attendance.service';
import { ThinktankDashboardService } from './thinktank-dashboard.service';
import { ThinktankInvitationsService } from './thinktank-invitations.service';
import { ThinktankSessionsService } from './thinktank-sessions.service';

const tags = ['thinktank'];
const PLANNERS = ['planner', 'admin'] as const;
const PlanId = () => Param('planId', new ParseUUIDPipe({ exceptionFactory: () => new AppError('plans.not_found', 404, 'Plan not found') }));
const SessionId = () => Param('sessionId', new ParseUUIDPipe({ exceptionFactory: () => ThinktankErrors.sessionNotFound() }));
const AccountId = () =>
  Param('accountId', new ParseUUIDPipe({ exceptionFactory: () => new AppError('identity.account_not_found', 404, 'Account not found') }));
const OutputId = () => Param('outputId', new ParseUUIDPipe({ exceptionFactory: () => ThinktankErrors.outputNotFound() }));
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A plan's sessions and dashboard (planners). */
@Controller('api/orgs/:slug/plans/:planId/thinktank')
@Roles(...PLANNERS)
export class ThinktankPlanController {
  constructor(
    private readonly sessions: ThinktankSessionsService,
    private readonly dashboards: ThinktankDashboardService,
  ) {}

  @Get('sessions')
  @Endpoint({ summary: "A plan's think-tank sessions, soonest first (planner)", query: ZThinktankSessionQuery, response: ZThinktankSessionList, tags })
  list(@CurrentOrganization() org: Organization, @PlanId() planId: string, @Query() query: z.output<typeof ZThinktankSessionQuery>) {
    return this.sessions.list(org, planId, query);
  }

  @Post('sessions')
  @Endpoint({ summary: 'Schedule a think-tank session (planner)', body: ZCreateThinktankSession, response: ZThinktankSession, status: 201, tags })
  create(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @PlanId() planId: string,
    @Body() input: z.output<typeof ZCreateThinktankSession>,
  ) {
    return this.sessions.create(org, actor, planId, input);
  }

  @Get('dashboard')
  @Endpoint({ summary: 'Sessions held, participants by kind, person-hours by committee and stage (planner)', response: ZThinktankDashboard, tags })
  dashboard(@CurrentOrganization() org: Organization, @PlanId() planId: string) {
    return this.dashboards.dashboard(org, planId);
  }

  @Get('dashboard.csv')
  @Endpoint({ summary: 'The sessions of the dashboard as CSV, formula-safe (planner)', query: ZThinktankExportQuery, tags })
  async csv(
    @CurrentOrganization() org: Organization,
    @PlanId() planId: string,
    @Query() query: z.output<typeof ZThinktankExportQuery>,
    @Res() reply: FastifyReply,
  ) {
    const tables = await this.dashboards.tables(org, planId, query.lang);
    return download(reply, toCsv(tables[1]), 'text/csv; charset=utf-8', `thinktank-sessions.csv`);
  }

  @Get('dashboard.xlsx')
  @Endpoint({ summary: 'The dashboard as an Excel workbook, formula-safe (planner)', query: ZThinktankExportQuery, tags })
  async xlsx(
    @CurrentOrganization() org: Organization,
    @PlanId() planId: string,
    @Query() query: z.output<typeof ZThinktankExportQuery>,
    @Res() reply: FastifyReply,
  ) {
    return download(reply, toXlsx(await this.dashboards.tables(org, planId, query.lang)), XLSX_TYPE, `thinktank-dashboard.xlsx`);
  }
}

/** Members a planner picks as a facilitator or an invitee (names only: contacts stay with admins). */
@Controller('api/orgs/:slug/thinktank/people')
@Roles(...PLANNERS)
export class ThinktankPeopleController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get()
  @Endpoint({ summary: 'Find members by name, mobile or e-mail (planner)', query: ZThinktankPeopleQuery, response: ZThinktankPeople, tags })
  async find(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZThinktankPeopleQuery>) {
    const page = await this.memberships.listMembers(org, { q: query.q, limit: 20 });
    return page.items.filter((m) => m.status === 'active').map((m) => ({ accountId: m.accountId, displayName: m.displayName }));
  }
}

/** Stakeholders a planner invites to a session (their linked accounts receive the invitation). */
@Controller('api/orgs/:slug/thinktank/stakeholders')
@Roles(...PLANNERS)
export class ThinktankStakeholdersController {
  constructor(private readonly invitations: ThinktankInvitationsService) {}

  @Get()
  @Endpoint({ summary: 'Find stakeholders by name, Persian-normalised (planner)', query: ZThinktankStakeholderQuery, response: ZThinktankStakeholders, tags })
  find(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZThinktankStakeholderQuery>) {
    return this.invitations.findStakeholders(org, query.q);
  }
}

/** One session: planners edit and invite; its facilitator (or a planner) runs attendance and minutes. */
@Controller('api/orgs/:slug/thinktank/sessions/:sessionId')
export class ThinktankSessionController {
  constructor(
    private readonly sessions: ThinktankSessionsService,
    private readonly invitations: ThinktankInvitationsService,
    private readonly attendance: ThinktankAttendanceService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get()
  @Roles()
  @Endpoint({ summary: 'A session (its facilitator or a planner)', response: ZThinktankSession, tags })
  get(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @SessionId() sessionId: string) {
    return this.sessions.get(org, actor, sessionId);
  }

  @Patch()
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Change, cancel or close a session (planner)', body: ZUpdateThinktankSession, response: ZThinktankSession, tags })
  update(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @SessionId() sessionId: string,
    @Body() input: z.output<typeof ZUpdateThinktankSession>,
  ) {
    return this.sessions.update(org, actor, sessionId, input);
  }

  @Get('invitations')
  @Roles(...PLANNERS)
  @Endpoint({ summary: "The session's invitations and answers, waiting list in order (planner)", response: ZThinktankInvitationList, tags })
  listInvitations(@CurrentOrganization() org: Organization, @SessionId() sessionId: string) {
    return this.invitations.list(org, sessionId);
  }

  @Post('invitations')
  @HttpCode(201)
  @Roles(...PLANNERS)
  @Endpoint({
    summary: 'Invite accounts, stakeholders and contacts; each gets a personal RSVP link by SMS or e-mail (planner)',
    body: ZCreateThinktankInvitations,
    response: ZThinktankInvitationsResult,
    status: 201,
    tags,
  })
  invite(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @SessionId() sessionId: string,
    @Body() input: z.output<typeof ZCreateThinktankInvitations>,
  ) {
    return this.invitations.invite(org, actor, sessionId, input);
  }

  @Get('qr')
  @Roles()
  @Endpoint({ summary: "The door's check-in QR code (facilitator or planner)", response: ZThinktankQr, tags })
  qr(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @SessionId() sessionId: string) {
    return this.attendance.qr(org, actor, sessionId);
  }

  @Get('attendance')
  @Roles()
  @Endpoint({ summary: 'Invitees and people present, with minutes and person-hours (facilitator or planner)', response: ZThinktankAttendance, tags })
  attendanceList(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @SessionId() sessionId: string) {
    return this.attendance.list(org, actor, sessionId);
  }

  @Post('attendance/:accountId/check-in')
  @HttpCode(200)
  @Roles()
  @Endpoint({ summary: 'Tick a person present (facilitator or planner; twice changes nothing)', response: ZThinktankAttendance, tags })
  checkIn(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @SessionId() sessionId: string, @AccountId() accountId: string) {
    return this.attendance.checkInByList(org, actor, sessionId, accountId);
  }

  @Post('attendance/:accountId/check-out')
  @HttpCode(200)
  @Roles()
  @Endpoint({ summary: 'Record that a person left (facilitator or planner)', response: ZThinktankAttendance, tags })
  checkOut(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @SessionId() sessionId: string, @AccountId() accountId: string) {
    return this.attendance.checkOut(org, actor, sessionId, accountId);
  }

  @Get('minutes')
  @Roles()
  @Endpoint({ summary: 'The minutes being written (facilitator or planner)', response: ZThinktankMinutesView, tags })
  minutes(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @SessionId() sessionId: string) {
    return this.sessions.minutes(org, actor, sessionId);
  }

  @Put('minutes')
  @Roles()
  @Endpoint({ summary: 'Save the minutes, in safe markdown (facilitator or planner)', body: ZThinktankMinutes, response: ZThinktankMinutesView, tags })
  saveMinutes(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @SessionId() sessionId: string,
    @Body() input: z.output<typeof ZThinktankMinutes>,
  ) {
    return this.sessions.saveMinutes(org, actor, sessionId, input.minutes);
  }

  @Post('minutes/publish')
  @HttpCode(200)
  @Roles()
  @Endpoint({ summary: "Publish the minutes, decisions and outputs on the session's public page (facilitator or planner)", response: ZThinktankMinutesView, tags })
  publish(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @SessionId() sessionId: string) {
    return this.sessions.publishMinutes(org, actor, sessionId, true);
  }

  @Post('minutes/withdraw')
  @HttpCode(200)
  @Roles()
  @Endpoint({ summary: 'Take the minutes off the public page (facilitator or planner)', response: ZThinktankMinutesView, tags })
  withdraw(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @SessionId() sessionId: string) {
    return this.sessions.publishMinutes(org, actor, sessionId, false);
  }

  @Get('outputs')
  @Roles()
  @Endpoint({ summary: 'Decisions and outputs of the session (facilitator or planner)', response: ZThinktankOutputList, tags })
  outputs(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @SessionId() sessionId: string) {
    return this.sessions.outputs(org, actor, sessionId);
  }

  @Post('outputs')
  @HttpCode(201)
  @Roles()
  @Endpoint({ summary: 'Record a decision or output, linked to a theme or problem (facilitator or planner)', body: ZCreateThinktankOutput, response: ZThinktankOutputList, status: 201, tags })
  addOutput(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @SessionId() sessionId: string,
    @Body() input: z.output<typeof ZCreateThinktankOutput>,
  ) {
    return this.sessions.addOutput(org, actor, sessionId, input);
  }

  @Delete('outputs/:outputId')
  @Roles()
  @Endpoint({ summary: 'Remove a decision or output (facilitator or planner)', response: ZThinktankOutputList, tags })
  removeOutput(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @SessionId() sessionId: string, @OutputId() outputId: string) {
    return this.sessions.removeOutput(org, actor, sessionId, outputId);
  }

  // ---- the public and participants -----------------------------------------------------------

  @Get('public')
  @Endpoint({ summary: "The session's public page: details, published minutes, one's own invitation and attendance", response: ZPublicThinktankSession, tags })
  async publicView(@Param('slug') slug: string, @SessionId() sessionId: string, @CurrentActor({ optional: true }) actor?: Actor) {
    return this.sessions.publicView(await this.organizations.getBySlug(slug), sessionId, actor);
  }

  @Post('rsvp')
  @HttpCode(200)
  @SignedIn()
  @Endpoint({ summary: 'Answer my invitation: coming or not', body: ZThinktankRsvpAnswer, response: ZMyThinktankInvitation, tags })
  async rsvp(@Param('slug') slug: string, @SessionId() sessionId: string, @CurrentActor() actor: Actor, @Body() input: z.output<typeof ZThinktankRsvpAnswer>) {
    return this.invitations.answerSignedIn(await this.organizations.getBySlug(slug), sessionId, input.answer, actor);
  }

  @Post('check-in')
  @HttpCode(200)
  @SignedIn()
  @Endpoint({ summary: "Check in with the door's QR code (twice changes nothing)", body: ZThinktankQrCheckIn, response: ZThinktankAttendee, tags })
  async checkInByQr(@Param('slug') slug: string, @SessionId() sessionId: string, @CurrentActor() actor: Actor, @Body() input: z.output<typeof ZThinktankQrCheckIn>) {
    return this.attendance.checkInByQr(await this.organizations.getBySlug(slug), actor, sessionId, input.token);
  }

  @Post('check-out')
  @HttpCode(200)
  @SignedIn()
  @Endpoint({ summary: 'Check myself out when leaving', response: ZThinktankAttendee, tags })
  async checkOutSelf(@Param('slug') slug: string, @SessionId() sessionId: string, @CurrentActor() actor: Actor) {
    return this.attendance.checkOutSelf(await this.organizations.getBySlug(slug), actor, sessionId);
  }
}

/** A personal RSVP link: no sign-in needed (the link is the proof). */
@Controller('api/thinktank/rsvp/:token')
export class ThinktankRsvpController {
  constructor(private readonly invitations: ThinktankInvitationsService) {}

  @Get()
  @Endpoint({ summary: 'What a personal session link is for', response: ZThinktankRsvpPreview, tags })
  preview(@Param('token') token: string) {
    return this.invitations.preview(token);
  }

  @Post()
  @HttpCode(200)
  @Endpoint({ summary: 'Answer through a personal link: coming or not (a full session puts a yes on the waiting list)', body: ZThinktankRsvpAnswer, response: ZMyThinktankInvitation, tags })
  answer(@Param('token') token: string, @Body() input: z.output<typeof ZThinktankRsvpAnswer>, @CurrentActor({ optional: true }) actor?: Actor) {
    return this.invitations.answerByToken(token, input.answer, actor);
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
