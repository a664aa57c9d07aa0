import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import {
  ZCreateStakeholder,
  ZCreateStakeholderContact,
  ZLinkStakeholderAccount,
  ZMyStakeholders,
  ZSetStakeholderVerified,
  ZStakeholder,
  ZStakeholderAssessmentInput,
  ZStakeholderEngagementList,
  ZStakeholderExportQuery,
  ZStakeholderGrid,
  ZStakeholderGridQuery,
  ZStakeholderImportQuery,
  ZStakeholderImportReport,
  ZStakeholderListQuery,
  ZStakeholderNotHeard,
  ZStakeholderNotHeardQuery,
  ZStakeholderPage,
  ZStakeholderSimilarList,
  ZStakeholderSimilarQuery,
  ZUpdateStakeholder,
} from '@hamandishi/contracts';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentMembership, CurrentOrganization, Roles } from '../identity/decorators';
import type { MembershipRow } from '../identity/memberships.repository';
import type { Organization } from '../organizations/organization.entity';
import { XLSX_TYPE } from '../themes/theme-file';
import { StakeholderErrors } from './stakeholders.errors';
import { StakeholdersService } from './stakeholders.service';

const uuid = (name: string, error: () => Error) => Param(name, new ParseUUIDPipe({ exceptionFactory: error }));
const StakeholderId = () => uuid('stakeholderId', StakeholderErrors.notFound);
const tags = ['stakeholders'];

/** The stakeholder registry: planners and admins change it; managers read it (without contacts). */
@Controller('api/orgs/:slug/stakeholders')
export class StakeholdersController {
  constructor(private readonly stakeholders: StakeholdersService) {}

  @Get()
  @Roles('planner', 'admin', 'manager')
  @Endpoint({ summary: 'Stakeholders by name: Persian-normalised search and filters, keyset-paginated', query: ZStakeholderListQuery, response: ZStakeholderPage, tags })
  list(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZStakeholderListQuery>) {
    return this.stakeholders.list(org, query);
  }

  @Post()
  @Roles('planner', 'admin')
  @Endpoint({ summary: 'Register a stakeholder (a duplicate kind and normalised name: 409)', body: ZCreateStakeholder, response: ZStakeholder, status: 201, tags })
  create(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CurrentMembership() membership: MembershipRow | null,
    @Body() input: z.output<typeof ZCreateStakeholder>,
  ) {
    return this.stakeholders.create(org, actor, membership, input);
  }

  @Get('mine')
  @Roles()
  @Endpoint({ summary: 'The stakeholders the signed-in member acts for (linked accounts)', response: ZMyStakeholders, tags })
  mine(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor) {
    return this.stakeholders.mine(org, actor);
  }

  @Get('similar')
  @Roles('planner', 'admin')
  @Endpoint({ summary: 'Registered stakeholders whose normalised name is like this one (duplicate suggestions)', query: ZStakeholderSimilarQuery, response: ZStakeholderSimilarList, tags })
  similar(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZStakeholderSimilarQuery>) {
    return this.stakeholders.similar(org, query.name, query.excludeId ?? null);
  }

  @Get('grid')
  @Roles('planner', 'admin', 'manager')
  @Endpoint({ summary: "The plan's power/interest grid", query: ZStakeholderGridQuery, response: ZStakeholderGrid, tags })
  grid(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZStakeholderGridQuery>) {
    return this.stakeholders.grid(org, query.planId);
  }

  @Get('not-heard')
  @Roles('planner', 'admin', 'manager')
  @Endpoint({ summary: 'Per stage of the plan, its mandatory stakeholders not yet heard from', query: ZStakeholderNotHeardQuery, response: ZStakeholderNotHeard, tags })
  notHeard(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZStakeholderNotHeardQuery>) {
    return this.stakeholders.notHeard(org, query.planId);
  }

  @Get('export.csv')
  @Roles('planner', 'admin', 'manager')
  @Endpoint({ summary: 'The registry as CSV (formula-safe; contacts for staff only)', query: ZStakeholderExportQuery, tags })
  async exportCsv(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CurrentMembership() membership: MembershipRow | null,
    @Query() query: z.output<typeof ZStakeholderExportQuery>,
    @Res() reply: FastifyReply,
  ) {
    const body = await this.stakeholders.export(org, actor, membership, 'csv', query.planId ?? null);
    return download(reply, body, 'text/csv; charset=utf-8', `stakeholders-${org.slug}.csv`);
  }

  @Get('export.xlsx')
  @Roles('planner', 'admin', 'manager')
  @Endpoint({ summary: 'The registry as an Excel workbook (formula-safe; contacts for staff only)', query: ZStakeholderExportQuery, tags })
  async exportXlsx(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CurrentMembership() membership: MembershipRow | null,
    @Query() query: z.output<typeof ZStakeholderExportQuery>,
    @Res() reply: FastifyReply,
  ) {
    const body = await this.stakeholders.export(org, actor, membership, 'xlsx', query.planId ?? null);
    return download(reply, body, XLSX_TYPE, `stakeholders-${org.slug}.xlsx`);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('planner', 'admin')
  @Endpoint({
    summary:
      'Import a CSV or XLSX file (the file itself as the body): a report by row and column with duplicate suggestions; applied in one transaction only without problems, never with dryRun=true',
    query: ZStakeholderImportQuery,
    response: ZStakeholderImportReport,
    tags,
  })
  import(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Query() query: z.output<typeof ZStakeholderImportQuery>,
    @Headers('content-type') _contentType: string | undefined,
    @Body() body: unknown,
  ) {
    if (!Buffer.isBuffer(body) || body.length === 0) throw StakeholderErrors.unsupportedFile();
    return this.stakeholders.import(org, actor, body, query.dryRun, query.planId ?? null);
  }

  @Get(':stakeholderId')
  @Roles()
  @Endpoint({ summary: "A stakeholder's profile (staff, managers, or its linked accounts; contacts for staff only)", response: ZStakeholder, tags })
  profile(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @CurrentMembership() membership: MembershipRow | null, @StakeholderId() id: string) {
    return this.stakeholders.profile(org, actor, membership, id);
  }

  @Get(':stakeholderId/engagement')
  @Roles()
  @Endpoint({ summary: "A stakeholder's engagement history, newest first (same access as the profile)", response: ZStakeholderEngagementList, tags })
  engagement(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @CurrentMembership() membership: MembershipRow | null, @StakeholderId() id: string) {
    return this.stakeholders.engagement(org, actor, membership, id);
  }

  @Patch(':stakeholderId')
  @Roles('planner', 'admin')
  @Endpoint({ summary: 'Change a stakeholder', body: ZUpdateStakeholder, response: ZStakeholder, tags })
  update(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CurrentMembership() membership: MembershipRow | null,
    @StakeholderId() id: string,
    @Body() input: z.output<typeof ZUpdateStakeholder>,
  ) {
    return this.stakeholders.update(org, actor, membership, id, input);
  }

  @Delete(':stakeholderId')
  @HttpCode(204)
  @Roles('planner', 'admin')
  @Endpoint({ summary: 'Archive a stakeholder (kept for history)', status: 204, tags })
  archive(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @StakeholderId() id: string) {
    return this.stakeholders.archive(org, actor, id);
  }

  @Put(':stakeholderId/verified')
  @Roles('planner', 'admin')
  @Endpoint({ summary: 'Set or clear the verified flag (audited)', body: ZSetStakeholderVerified, response: ZStakeholder, tags })
  verify(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CurrentMembership() membership: MembershipRow | null,
    @StakeholderId() id: string,
    @Body() input: z.output<typeof ZSetStakeholderVerified>,
  ) {
    return this.stakeholders.setVerified(org, actor, membership, id, input.isVerified);
  }

  @Put(':stakeholderId/assessments/:planId')
  @Roles('planner', 'admin')
  @Endpoint({ summary: "The stakeholder's assessment for a plan: relation, influence, interest, mandatory, role per stage", body: ZStakeholderAssessmentInput, response: ZStakeholder, tags })
  assess(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CurrentMembership() membership: MembershipRow | null,
    @StakeholderId() id: string,
    @uuid('planId', () => StakeholderErrors.planNotFound()) planId: string,
    @Body() input: z.output<typeof ZStakeholderAssessmentInput>,
  ) {
    return this.stakeholders.setAssessment(org, actor, membership, id, planId, input);
  }

  @Delete(':stakeholderId/assessments/:planId')
  @HttpCode(204)
  @Roles('planner', 'admin')
  @Endpoint({ summary: "Remove the stakeholder's assessment for a plan", status: 204, tags })
  unassess(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @StakeholderId() id: string, @uuid('planId', () => StakeholderErrors.planNotFound()) planId: string) {
    return this.stakeholders.deleteAssessment(org, actor, id, planId);
  }

  @Post(':stakeholderId/contacts')
  @Roles('planner', 'admin')
  @Endpoint({ summary: 'Add a contact person (staff only)', body: ZCreateStakeholderContact, response: ZStakeholder, status: 201, tags })
  addContact(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CurrentMembership() membership: MembershipRow | null,
    @StakeholderId() id: string,
    @Body() input: z.output<typeof ZCreateStakeholderContact>,
  ) {
    return this.stakeholders.addContact(org, actor, membership, id, input);
  }

  @Delete(':stakeholderId/contacts/:contactId')
  @HttpCode(204)
  @Roles('planner', 'admin')
  @Endpoint({ summary: 'Remove a contact person', status: 204, tags })
  deleteContact(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @StakeholderId() id: string,
    @uuid('contactId', StakeholderErrors.contactNotFound) contactId: string,
  ) {
    return this.stakeholders.deleteContact(org, actor, id, contactId);
  }

  @Post(':stakeholderId/accounts')
  @Roles('planner', 'admin')
  @Endpoint({ summary: 'Link a member (found by mobile, e-mail or name) to act on the stakeholder’s behalf', body: ZLinkStakeholderAccount, response: ZStakeholder, status: 201, tags })
  link(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CurrentMembership() membership: MembershipRow | null,
    @StakeholderId() id: string,
    @Body() input: z.output<typeof ZLinkStakeholderAccount>,
  ) {
    return this.stakeholders.linkAccount(org, actor, membership, id, input.q);
  }

  @Delete(':stakeholderId/accounts/:accountId')
  @HttpCode(204)
  @Roles('planner', 'admin')
  @Endpoint({ summary: 'Unlink an account', status: 204, tags })
  unlink(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @StakeholderId() id: string,
    @uuid('accountId', StakeholderErrors.accountNotFound) accountId: string,
  ) {
    return this.stakeholders.unlinkAccount(org, actor, id, accountId);
  }
}

function download(reply: FastifyReply, body: NodeJS.ReadableStream, contentType: string, filename: string) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}
