import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  type StrategyLevel,
  ZActionInput,
  ZApprovalInput,
  ZBudgetQuery,
  ZCreateStrategyVersion,
  ZFocusPointInput,
  ZFormulaCheckInput,
  ZGoalInput,
  ZIndicatorInput,
  ZOutputInput,
  ZPortfolioInput,
  ZProjectInput,
  ZSetBudget,
  ZStrategyArchive,
  ZStrategyReorder,
  ZStrategyStatementInput,
  textToken,
} from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../identity/decorators';
import type { Organization } from '../organizations/organization.entity';
import { XLSX_TYPE } from './strategy-xlsx';
import { StrategyErrors } from './strategy.errors';
import { StrategyService } from './strategy.service';

const notFound = () => new AppError('strategy.not_found', 404, 'Not found');
const PlanId = () => Param('planId', new ParseUUIDPipe({ exceptionFactory: () => new AppError('plans.not_found', 404, 'Plan not found') }));
const RowId = () => Param('id', new ParseUUIDPipe({ exceptionFactory: notFound }));
const tags = ['strategy'];

/** The levels as the routes name them. */
const LEVEL_PATHS: Record<string, StrategyLevel> = {
  'focus-points': 'focus_point',
  goals: 'goal',
  outputs: 'output',
  indicators: 'indicator',
  portfolios: 'portfolio',
  projects: 'project',
  actions: 'action',
};
const levelOf = (path: string): StrategyLevel => {
  const level = LEVEL_PATHS[path];
  if (!level) throw notFound();
  return level;
};

const ZImportQuery = z.strictObject({ mode: z.enum(['preview', 'apply']).default('preview'), fingerprint: textToken({ max: 64 }).optional() });
const ZCompareQuery = z.strictObject({ from: z.union([z.literal('current'), z.uuid()]), to: z.union([z.literal('current'), z.uuid()]) });

/** The plan structure editor's routes (planners and admins). */
@Controller('api/orgs/:slug/plans/:planId/strategy')
@Roles('planner', 'admin')
export class StrategyController {
  constructor(private readonly strategy: StrategyService) {}

  @Get()
  @Endpoint({ summary: 'The whole structure of the plan in one answer, for the editor', tags })
  structure(@CurrentOrganization() org: Organization, @PlanId() planId: string) {
    return this.strategy.structure(org, planId);
  }

  @Put('statement')
  @Endpoint({ summary: 'Save the vision, mission and values', body: ZStrategyStatementInput, tags })
  statement(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @PlanId() planId: string, @Body() input: z.output<typeof ZStrategyStatementInput>) {
    return this.strategy.saveStatement(org, actor, planId, input);
  }

  // ---- one create and one replace route per level (each with its own schema) ----

  @Post('focus-points')
  @Endpoint({ summary: 'Add a focus point', body: ZFocusPointInput, status: 201, tags })
  createFocusPoint(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Body() i: z.output<typeof ZFocusPointInput>) {
    return this.strategy.create(o, a, p, 'focus_point', i);
  }

  @Put('focus-points/:id')
  @Endpoint({ summary: 'Edit a focus point', body: ZFocusPointInput, tags })
  updateFocusPoint(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @RowId() id: string, @Body() i: z.output<typeof ZFocusPointInput>) {
    return this.strategy.update(o, a, p, 'focus_point', id, i);
  }

  @Post('goals')
  @Endpoint({ summary: 'Add a strategic goal', body: ZGoalInput, status: 201, tags })
  createGoal(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Body() i: z.output<typeof ZGoalInput>) {
    return this.strategy.create(o, a, p, 'goal', i);
  }

  @Put('goals/:id')
  @Endpoint({ summary: 'Edit a strategic goal', body: ZGoalInput, tags })
  updateGoal(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @RowId() id: string, @Body() i: z.output<typeof ZGoalInput>) {
    return this.strategy.update(o, a, p, 'goal', id, i);
  }

  @Post('outputs')
  @Endpoint({ summary: 'Add an effective output under a goal', body: ZOutputInput, status: 201, tags })
  createOutput(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Body() i: z.output<typeof ZOutputInput>) {
    return this.strategy.create(o, a, p, 'output', i);
  }

  @Put('outputs/:id')
  @Endpoint({ summary: 'Edit an output (or move it under another goal)', body: ZOutputInput, tags })
  updateOutput(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @RowId() id: string, @Body() i: z.output<typeof ZOutputInput>) {
    return this.strategy.update(o, a, p, 'output', id, i);
  }

  @Post('indicators')
  @Endpoint({ summary: 'Add an indicator under an output (formula checked against its variables)', body: ZIndicatorInput, status: 201, tags })
  createIndicator(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Body() i: z.output<typeof ZIndicatorInput>) {
    return this.strategy.create(o, a, p, 'indicator', i);
  }

  @Put('indicators/:id')
  @Endpoint({ summary: 'Edit an indicator, its variables and yearly targets', body: ZIndicatorInput, tags })
  updateIndicator(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @RowId() id: string, @Body() i: z.output<typeof ZIndicatorInput>) {
    return this.strategy.update(o, a, p, 'indicator', id, i);
  }

  @Post('portfolios')
  @Endpoint({ summary: 'Add a portfolio', body: ZPortfolioInput, status: 201, tags })
  createPortfolio(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Body() i: z.output<typeof ZPortfolioInput>) {
    return this.strategy.create(o, a, p, 'portfolio', i);
  }

  @Put('portfolios/:id')
  @Endpoint({ summary: 'Edit a portfolio', body: ZPortfolioInput, tags })
  updatePortfolio(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @RowId() id: string, @Body() i: z.output<typeof ZPortfolioInput>) {
    return this.strategy.update(o, a, p, 'portfolio', id, i);
  }

  @Post('projects')
  @Endpoint({ summary: 'Add a project under an output', body: ZProjectInput, status: 201, tags })
  createProject(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Body() i: z.output<typeof ZProjectInput>) {
    return this.strategy.create(o, a, p, 'project', i);
  }

  @Put('projects/:id')
  @Endpoint({ summary: 'Edit a project', body: ZProjectInput, tags })
  updateProject(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @RowId() id: string, @Body() i: z.output<typeof ZProjectInput>) {
    return this.strategy.update(o, a, p, 'project', id, i);
  }

  @Post('actions')
  @Endpoint({ summary: 'Add an action under a project', body: ZActionInput, status: 201, tags })
  createAction(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Body() i: z.output<typeof ZActionInput>) {
    return this.strategy.create(o, a, p, 'action', i);
  }

  @Put('actions/:id')
  @Endpoint({ summary: 'Edit an action', body: ZActionInput, tags })
  updateAction(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @RowId() id: string, @Body() i: z.output<typeof ZActionInput>) {
    return this.strategy.update(o, a, p, 'action', id, i);
  }

  // ---- any level ----

  @Post(':level/reorder')
  @HttpCode(200)
  @Endpoint({ summary: 'Reorder the siblings of one parent', body: ZStrategyReorder, tags })
  reorder(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Param('level') level: string, @Body() i: z.output<typeof ZStrategyReorder>) {
    return this.strategy.reorder(o, a, p, levelOf(level), i.ids);
  }

  @Post(':level/:id/archive')
  @HttpCode(200)
  @Endpoint({ summary: 'Archive a row (or take it out of the archive)', body: ZStrategyArchive, tags })
  archive(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Param('level') level: string, @RowId() id: string, @Body() i: z.output<typeof ZStrategyArchive>) {
    return this.strategy.setArchived(o, a, p, levelOf(level), id, i.archived);
  }

  @Post(':level/:id/copy')
  @HttpCode(201)
  @Endpoint({ summary: 'Copy a row with everything under it', status: 201, tags })
  copy(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Param('level') level: string, @RowId() id: string) {
    return this.strategy.copy(o, a, p, levelOf(level), id);
  }

  @Delete(':level/:id')
  @Endpoint({ summary: 'Remove a row that has nothing under it', tags })
  remove(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Param('level') level: string, @RowId() id: string) {
    return this.strategy.remove(o, a, p, levelOf(level), id);
  }

  @Put(':owner/:id/budget')
  @Endpoint({ summary: "Replace a project's or portfolio's yearly allocations (integer rials)", body: ZSetBudget, tags })
  setBudget(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Param('owner') owner: string, @RowId() id: string, @Body() i: z.output<typeof ZSetBudget>) {
    if (owner !== 'projects' && owner !== 'portfolios') throw notFound();
    return this.strategy.setBudget(o, a, p, owner === 'projects' ? 'project' : 'portfolio', id, i);
  }

  // ---- tools ----

  @Post('formula/check')
  @HttpCode(200)
  @Endpoint({ summary: "Check a formula against its variables (and compute it with values): the editor's live validation", body: ZFormulaCheckInput, tags })
  checkFormula(@Body() input: z.output<typeof ZFormulaCheckInput>) {
    return this.strategy.checkFormula(input);
  }

  @Get('budget')
  @Endpoint({ summary: "A Jalali year's budget, sliced by goal, committee, district, funding source and portfolio", query: ZBudgetQuery, tags })
  budget(@CurrentOrganization() o: Organization, @PlanId() p: string, @Query() q: z.output<typeof ZBudgetQuery>) {
    return this.strategy.budget(o, p, q.year);
  }

  @Get('export.xlsx')
  @Endpoint({ summary: 'The whole structure as a workbook (one sheet per level, hidden ids, formula-safe)', tags })
  async export(@CurrentOrganization() o: Organization, @PlanId() p: string, @Res() reply: FastifyReply) {
    const body = await this.strategy.exportXlsx(o, p);
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', `attachment; filename="plan-structure-${p.slice(0, 8)}.xlsx"`)
      .header('cache-control', 'no-store')
      .send(body);
  }

  @Post('import')
  @HttpCode(200)
  @Endpoint({
    summary: 'Import a workbook (the XLSX file as the body): mode=preview reports problems and changes; mode=apply with the preview fingerprint applies them, all or nothing',
    query: ZImportQuery,
    tags,
  })
  import(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Query() q: z.output<typeof ZImportQuery>, @Body() body: unknown) {
    if (!Buffer.isBuffer(body) || body.length === 0) throw StrategyErrors.unsupportedFile();
    return this.strategy.importXlsx(o, a, p, body, q.mode === 'apply', q.fingerprint);
  }

  @Post('approvals')
  @HttpCode(201)
  @Endpoint({ summary: "Record the council's approval or the conformity check, with date and document", body: ZApprovalInput, status: 201, tags })
  approval(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Body() i: z.output<typeof ZApprovalInput>) {
    return this.strategy.recordApproval(o, a, p, i);
  }

  @Post('versions')
  @HttpCode(201)
  @Endpoint({ summary: 'Freeze the structure as a version (the annual revision)', body: ZCreateStrategyVersion, status: 201, tags })
  version(@CurrentOrganization() o: Organization, @CurrentActor() a: Actor, @PlanId() p: string, @Body() i: z.output<typeof ZCreateStrategyVersion>) {
    return this.strategy.createVersion(o, a, p, i);
  }

  @Get('versions/compare')
  @Endpoint({ summary: 'The changes between two versions (or a version and the working structure, `current`)', query: ZCompareQuery, tags })
  compare(@CurrentOrganization() o: Organization, @PlanId() p: string, @Query() q: z.output<typeof ZCompareQuery>) {
    return this.strategy.compare(o, p, q.from, q.to);
  }
}
