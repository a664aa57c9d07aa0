import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  checkFormula,
  evaluateFormula,
  FormulaError,
  STRATEGY_EDITABLE_STATUSES,
  type StrategyLevel,
  type TAction,
  type TBudgetView,
  type TFocusPoint,
  type TFormulaCheckResult,
  type TGoal,
  type TIndicator,
  type TOutput,
  type TProject,
  type TStrategyComparison,
  type TStrategyContent,
  type TStrategyImportResult,
  type TStrategyStructure,
  type ZActionInput,
  type ZApprovalInput,
  type ZCreateStrategyVersion,
  type ZFocusPointInput,
  type ZFormulaCheckInput,
  type ZGoalInput,
  type ZIndicatorInput,
  type ZOutputInput,
  type ZPortfolioInput,
  type ZProjectInput,
  type ZSetBudget,
  type ZStrategyStatementInput,
} from '@hamandishi/contracts';
import { jalaliYear } from '@hamandishi/text';
import type { Actor } from '../../common/http/request-context';
import { isForeignKeyViolation, isUniqueViolation } from '../../database/pg-errors';
import { AttachmentsService } from '../attachments/attachments.service';
import { AuditService } from '../audit/audit.service';
import type { Organization } from '../organizations/organization.entity';
import { CommitteesService } from '../plans/committees.service';
import type { PlanRow } from '../plans/plans.repository';
import { PlansService } from '../plans/plans.service';
import { budgetView } from './strategy-budget';
import { checkStructure, countChanges, diffContent, type RuleContext, type RuleIssue, rowsOf, stableJson } from './strategy-rules';
import { readStructureXlsx, type WorkbookRefs, writeStructureXlsx } from './strategy-xlsx';
import { StrategyErrors } from './strategy.errors';
import { allOf, LEVEL_ORDER, type LevelRow, StrategyRepository } from './strategy.repository';

/** Inputs of the editor's forms, by level. */
export type LevelInput = {
  focus_point: z.output<typeof ZFocusPointInput>;
  goal: z.output<typeof ZGoalInput>;
  output: z.output<typeof ZOutputInput>;
  indicator: z.output<typeof ZIndicatorInput>;
  portfolio: z.output<typeof ZPortfolioInput>;
  project: z.output<typeof ZProjectInput>;
  action: z.output<typeof ZActionInput>;
};

type Editable = Record<StrategyLevel, LevelRow[]>;
const LIST_OF: Record<StrategyLevel, keyof TStrategyContent> = {
  focus_point: 'focusPoints',
  goal: 'goals',
  output: 'outputs',
  indicator: 'indicators',
  portfolio: 'portfolios',
  project: 'projects',
  action: 'actions',
};
// Which rows hang under a row of each level (the has_children rule and the copy of a subtree).
const CHILDREN: Partial<Record<StrategyLevel, { level: StrategyLevel; key: string }[]>> = {
  goal: [{ level: 'output', key: 'goalId' }],
  output: [
    { level: 'indicator', key: 'outputId' },
    { level: 'project', key: 'outputId' },
  ],
  portfolio: [{ level: 'project', key: 'portfolioId' }],
  project: [{ level: 'action', key: 'projectId' }],
};
const PARENT_KEY: Partial<Record<StrategyLevel, string>> = { output: 'goalId', indicator: 'outputId', project: 'outputId', action: 'projectId' };

const clone = <T>(value: T): T => structuredClone(value);

/**
 * The plan's structure: the editor's one-request load, edits under the hierarchy's rules and the
 * plan's status, the XLSX round trip as a previewed diff, yearly budgets and their slices, approval
 * records, and frozen versions for the annual revision. Every write takes the plan's row lock, so
 * edits of one plan run one after another and the rules are checked against what is stored.
 */
@Injectable()
export class StrategyService {
  constructor(
    private readonly repository: StrategyRepository,
    private readonly plans: PlansService,
    private readonly committees: CommitteesService,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
  ) {}

  /** The whole structure in one answer, with committees, districts, approvals and versions. */
  async structure(organization: Organization, planId: string): Promise<TStrategyStructure> {
    const plan = await this.plans.findForModule(organization.id, planId);
    const db = this.repository.db;
    const [content, committees, districts, approvals, versions] = await Promise.all([
      this.repository.content(db, organization.id, planId),
      this.committees.namesOf(organization.id, planId),
      this.repository.districts(db, organization.id),
      this.repository.approvals(db, organization.id, planId),
      this.repository.versions(db, organization.id, planId),
    ]);
    const files = await this.attachments.findByIds(organization.id, approvals.flatMap((a) => (a.attachmentId ? [a.attachmentId] : [])));
    return {
      ...content,
      plan: {
        id: plan.id,
        status: plan.status,
        title: plan.title,
        strategicHorizon: { from: plan.strategicFrom, to: plan.strategicTo },
        operationalHorizon: { from: plan.operationalFrom, to: plan.operationalTo },
      },
      isEditable: isEditable(plan),
      committees,
      districts,
      approvals: approvals.map(({ attachmentId, ...a }) => {
        const file = attachmentId ? files.get(attachmentId) : undefined;
        return { ...a, attachment: file ? { id: file.id, filename: file.filename, url: file.url } : null };
      }),
      versions,
    };
  }

  // ---- the editor ----------------------------------------------------------------------------

  async saveStatement(org: Organization, actor: Actor, planId: string, input: z.output<typeof ZStrategyStatementInput>) {
    return this.mutate(org, actor, planId, 'strategy.statement_saved', (c) => {
      c.statement = { vision: input.vision, mission: input.mission, values: input.values };
      return null;
    });
  }

  async create<L extends StrategyLevel>(org: Organization, actor: Actor, planId: string, level: L, input: LevelInput[L]) {
    return this.mutate(org, actor, planId, `strategy.${level}_created`, (c) => {
      const id = randomUUID();
      const list = listOf(c, level);
      const parentKey = PARENT_KEY[level];
      const siblings = parentKey ? list.filter((r) => (r as Record<string, unknown>)[parentKey] === (input as Record<string, unknown>)[parentKey]) : list;
      const position = siblings.reduce((max, r) => Math.max(max, r.position + 1), 0);
      list.push(rowFrom(level, input, { id, position, archived: false }));
      return { level, id };
    });
  }

  async update<L extends StrategyLevel>(org: Organization, actor: Actor, planId: string, level: L, id: string, input: LevelInput[L]) {
    return this.mutate(org, actor, planId, `strategy.${level}_updated`, (c) => {
      const list = listOf(c, level);
      const index = list.findIndex((r) => r.id === id);
      if (index < 0) throw StrategyErrors.notFound();
      const before = list[index];
      list[index] = rowFrom(level, input, { id, position: before.position, archived: before.archived });
      return { level, id };
    });
  }

  async setArchived(org: Organization, actor: Actor, planId: string, level: StrategyLevel, id: string, archived: boolean) {
    return this.mutate(org, actor, planId, archived ? `strategy.${level}_archived` : `strategy.${level}_restored`, (c) => {
      const row = listOf(c, level).find((r) => r.id === id);
      if (!row) throw StrategyErrors.notFound();
      row.archived = archived;
      return { level, id };
    });
  }

  async remove(org: Organization, actor: Actor, planId: string, level: StrategyLevel, id: string) {
    return this.mutate(org, actor, planId, `strategy.${level}_removed`, (c) => {
      const list = listOf(c, level);
      const index = list.findIndex((r) => r.id === id);
      if (index < 0) throw StrategyErrors.notFound();
      for (const child of CHILDREN[level] ?? []) {
        if (listOf(c, child.level).some((r) => (r as Record<string, unknown>)[child.key] === id)) throw StrategyErrors.hasChildren();
      }
      list.splice(index, 1);
      c.budget = c.budget.filter((b) => b.projectId !== id && b.portfolioId !== id);
      return null;
    });
  }

  /** Puts siblings (all children of one parent, or all rows of a top level) in the given order. */
  async reorder(org: Organization, actor: Actor, planId: string, level: StrategyLevel, ids: string[]) {
    return this.mutate(org, actor, planId, `strategy.${level}_reordered`, (c) => {
      const list = listOf(c, level);
      const rows = ids.map((id) => list.find((r) => r.id === id));
      if (rows.some((r) => !r) || new Set(ids).size !== ids.length) throw StrategyErrors.invalidReorder();
      const parentKey = PARENT_KEY[level];
      const parent = parentKey ? (rows[0] as Record<string, unknown>)[parentKey] : null;
      const siblings = parentKey ? list.filter((r) => (r as Record<string, unknown>)[parentKey] === parent) : list;
      if (siblings.length !== ids.length || rows.some((r) => parentKey && (r as Record<string, unknown>)[parentKey] !== parent)) throw StrategyErrors.invalidReorder();
      rows.forEach((r, i) => (r!.position = i));
      return null;
    });
  }

  /** Copies a row with everything under it (an output's indicators and projects, a project's actions); codes get a suffix. */
  async copy(org: Organization, actor: Actor, planId: string, level: StrategyLevel, id: string) {
    return this.mutate(org, actor, planId, `strategy.${level}_copied`, (c) => {
      const source = listOf(c, level).find((r) => r.id === id);
      if (!source) throw StrategyErrors.notFound();
      const taken: Record<string, Set<string>> = {};
      const codeFor = (l: StrategyLevel, code: string) => {
        taken[l] ??= new Set(listOf(c, l).map((r) => r.code));
        let n = 1;
        let candidate = `${code}-copy`.slice(0, 40);
        while (taken[l].has(candidate)) candidate = `${code}-copy${++n}`.slice(0, 40);
        taken[l].add(candidate);
        return candidate;
      };
      const copyRow = (l: StrategyLevel, row: LevelRow, overrides: Record<string, unknown>): string => {
        const newId = randomUUID();
        const list = listOf(c, l);
        list.push({ ...clone(row), ...overrides, id: newId, code: codeFor(l, row.code), position: row.position + 0.5 } as LevelRow);
        // portfolios group projects without owning them: a copied portfolio starts empty
        if (l !== 'portfolio') {
          for (const child of CHILDREN[l] ?? []) {
            for (const r of listOf(c, child.level).filter((x) => (x as Record<string, unknown>)[child.key] === row.id)) copyRow(child.level, r, { [child.key]: newId });
          }
        }
        return newId;
      };
      const newId = copyRow(level, source, {});
      // whole positions among siblings again, the copy right after its source
      for (const l of LEVEL_ORDER) {
        const parentKey = PARENT_KEY[l];
        const groups = new Map<unknown, LevelRow[]>();
        for (const r of listOf(c, l)) {
          const key = parentKey ? (r as Record<string, unknown>)[parentKey] : null;
          groups.set(key, [...(groups.get(key) ?? []), r]);
        }
        for (const rows of groups.values()) rows.sort((a, b) => a.position - b.position).forEach((r, i) => (r.position = i));
      }
      return { level, id: newId };
    });
  }

  /** Replaces the yearly allocations of a project or a portfolio. */
  async setBudget(org: Organization, actor: Actor, planId: string, owner: 'project' | 'portfolio', ownerId: string, input: z.output<typeof ZSetBudget>) {
    return this.mutate(org, actor, planId, `strategy.budget_set`, (c) => {
      if (!listOf(c, owner).some((r) => r.id === ownerId)) throw StrategyErrors.notFound();
      c.budget = c.budget.filter((b) => (owner === 'project' ? b.projectId : b.portfolioId) !== ownerId);
      const ids: string[] = [];
      for (const line of input.allocations) {
        const id = randomUUID();
        ids.push(id);
        c.budget.push({
          id,
          projectId: owner === 'project' ? ownerId : null,
          portfolioId: owner === 'portfolio' ? ownerId : null,
          year: line.year,
          fundingSource: line.fundingSource,
          amount: line.amount,
        });
      }
      return { level: 'budget', ids };
    });
  }

  /** The editor's live check of a formula against its variables, with its value when values are given. */
  checkFormula(input: z.output<typeof ZFormulaCheckInput>): TFormulaCheckResult {
    const check = checkFormula(input.formula, input.variables);
    if (!check.ok) return check;
    if (!input.values) return { ok: true, variables: check.variables, value: null };
    try {
      return { ok: true, variables: check.variables, value: evaluateFormula(input.formula, input.values) };
    } catch (error) {
      if (error instanceof FormulaError) return { ok: false, code: error.code, position: error.position, variable: error.variable };
      throw error;
    }
  }

  // ---- budget ----------------------------------------------------------------------------------

  async budget(org: Organization, planId: string, year: number): Promise<TBudgetView> {
    await this.plans.findForModule(org.id, planId);
    const db = this.repository.db;
    const [content, committees, districts] = await Promise.all([
      this.repository.content(db, org.id, planId),
      this.committees.namesOf(org.id, planId),
      this.repository.districts(db, org.id),
    ]);
    return budgetView(content, year, {
      committees: committees.map((c) => ({ id: c.id, code: null, label: c.name.fa })),
      districts: districts.map((d) => ({ id: d.id, code: String(d.number), label: d.name.fa })),
    });
  }

  // ---- XLSX ------------------------------------------------------------------------------------

  async exportXlsx(org: Organization, planId: string): Promise<Buffer> {
    await this.plans.findForModule(org.id, planId);
    const db = this.repository.db;
    const [content, refs] = await Promise.all([this.repository.content(db, org.id, planId), this.workbookRefs(db, org.id, planId)]);
    return writeStructureXlsx(content, refs);
  }

  /**
   * Reads a workbook and compares it with the stored structure: the report of every problem by
   * sheet, row and column, or the changes (added, changed, removed). With `apply`, the changes are
   * written in one transaction, only when there is no problem and the fingerprint is the preview's
   * (neither the file nor the structure changed in between): all or nothing.
   */
  async importXlsx(org: Organization, actor: Actor, planId: string, body: Buffer, apply: boolean, fingerprint?: string): Promise<TStrategyImportResult> {
    const run = async (m: EntityManager): Promise<TStrategyImportResult> => {
      const plan = apply ? await this.plans.lockEditable(m, org.id, planId) : await this.plans.findForModule(org.id, planId);
      if (apply && !isEditable(plan)) throw StrategyErrors.notEditable(plan.status);
      const [current, refs, ctx] = await allOf(m, [
        () => this.repository.content(m, org.id, planId),
        () => this.workbookRefs(m, org.id, planId),
        () => this.ruleContext(m, org.id, plan),
      ] as const);
      let read;
      try {
        read = await readStructureXlsx(body, current, refs);
      } catch {
        throw StrategyErrors.importFileInvalid();
      }
      const issues = [...read.issues];
      const seen = new Set(issues.map((i) => `${i.sheet}|${i.row}|${i.column}`));
      // Codes resolve within the file, where the reader reports the broken ones; a rule's unknown
      // parent can only be a row refused for another problem, already reported.
      for (const ri of checkStructure(read.content, ctx).filter((i) => i.code !== 'unknown_code')) {
        const located = read.locate(ri);
        const key = `${located.sheet}|${located.row}|${located.column}`;
        if (!seen.has(key)) issues.push(located);
        seen.add(key);
      }
      issues.sort((a, b) => a.sheet.localeCompare(b.sheet) || (a.row ?? 0) - (b.row ?? 0));
      const print = createHash('sha256').update(body).update(stamp(current)).digest('hex').slice(0, 32);
      // Rows the file leaves out are removed: ids of the file are matched to this plan's rows only.
      const changes = issues.length ? [] : diffContent(current, withStableBudgetIds(current, read.content));
      const result: TStrategyImportResult = { ok: issues.length === 0, applied: false, fingerprint: print, issues: issues.slice(0, 500), changes, counts: countChanges(changes) };
      if (!apply) return result;
      if (!result.ok) throw StrategyErrors.importInvalid(Object.fromEntries(issues.slice(0, 100).map((i) => [`${i.sheet}.${i.row ?? ''}.${i.column ?? ''}`, i.code])));
      if (fingerprint !== print) throw StrategyErrors.importStale();
      await this.persist(m, org.id, planId, current, read.content);
      await this.record(m, org, actor, 'strategy.imported', planId, null, result.counts);
      return { ...result, applied: true };
    };
    if (!apply) return run(this.repository.db.manager);
    return this.repository.db.transaction(run);
  }

  // ---- approvals -------------------------------------------------------------------------------

  /**
   * Records the council's approval or the conformity check (with date and document) and moves the
   * plan's status accordingly: approved → approved, conforming → conformity checked, anything
   * else back to drafting. A council approval also freezes the approved structure as a version.
   */
  async recordApproval(org: Organization, actor: Actor, planId: string, input: z.output<typeof ZApprovalInput>): Promise<TStrategyStructure> {
    const plan = await this.plans.findForModule(org.id, planId);
    const expected = input.kind === 'council_approval' ? 'council_review' : 'approved';
    if (plan.status !== expected) throw StrategyErrors.approvalNotAllowed(plan.status);
    if (input.attachmentId) {
      const own = (await this.attachments.listFor(org.id, 'plan', [planId])).get(planId) ?? [];
      if (!own.some((a) => a.id === input.attachmentId)) throw StrategyErrors.attachmentNotFound();
    }
    const positive = input.outcome === 'approved' || input.outcome === 'conforming';
    const next = positive ? (input.kind === 'council_approval' ? 'approved' : 'conformity_checked') : 'drafting';
    await this.plans.changeStatus(org, actor, planId, { status: next, note: input.reference ?? undefined });
    await this.repository.db.transaction(async (m) => {
      let versionId: string | null = null;
      if (input.kind === 'council_approval' && positive) {
        const snapshot = await this.repository.content(m, org.id, planId);
        versionId = await this.repository.insertVersion(
          m,
          org.id,
          planId,
          { year: jalaliYear(new Date(`${input.decidedOn}T12:00:00Z`), 'Asia/Tehran'), label: input.reference ? `${input.reference}` : input.decidedOn, note: input.note ?? null, snapshot },
          actor.accountId,
        );
      }
      const id = await this.repository.insertApproval(
        m,
        org.id,
        planId,
        { kind: input.kind, outcome: input.outcome, decidedOn: input.decidedOn, reference: input.reference ?? null, note: input.note ?? null, attachmentId: input.attachmentId ?? null, versionId },
        actor.accountId,
      );
      await this.record(m, org, actor, 'strategy.approval_recorded', id, null, input);
    });
    return this.structure(org, planId);
  }

  // ---- versions --------------------------------------------------------------------------------

  /** Freezes the structure as it is now (the annual revision); edits go on in the working structure. */
  async createVersion(org: Organization, actor: Actor, planId: string, input: z.output<typeof ZCreateStrategyVersion>): Promise<TStrategyStructure> {
    await this.repository.db.transaction(async (m) => {
      const plan = await this.plans.lockEditable(m, org.id, planId);
      if (input.year < plan.strategicFrom || input.year > plan.strategicTo) throw StrategyErrors.invalid({ year: 'year_outside_horizon' });
      const snapshot = await this.repository.content(m, org.id, planId);
      const id = await this.repository.insertVersion(m, org.id, planId, { year: input.year, label: input.label, note: input.note ?? null, snapshot }, actor.accountId);
      await this.record(m, org, actor, 'strategy.version_created', id, null, { year: input.year, label: input.label });
    });
    return this.structure(org, planId);
  }

  /** The changes from one version (or the working structure, `current`) to another. */
  async compare(org: Organization, planId: string, from: string, to: string): Promise<TStrategyComparison> {
    await this.plans.findForModule(org.id, planId);
    const load = async (ref: string) => {
      if (ref === 'current') return { id: null, label: 'current', content: await this.repository.content(this.repository.db, org.id, planId) };
      const v = await this.repository.versionSnapshot(this.repository.db, org.id, planId, ref);
      if (!v) throw StrategyErrors.versionNotFound();
      return { id: ref, label: v.label, content: v.snapshot };
    };
    const [a, b] = await Promise.all([load(from), load(to)]);
    return { from: { id: a.id, label: a.label }, to: { id: b.id, label: b.label }, changes: diffContent(a.content, b.content) };
  }

  /** Whether a goal or project may be commented on (it exists and is not archived). */
  commentable(level: 'goal' | 'project', organizationId: string, id: string): Promise<boolean> {
    return this.repository.exists(level, organizationId, id);
  }

  // ---- internals -------------------------------------------------------------------------------

  /**
   * One edit: lock the plan, check its status, change a copy of the stored structure, check the
   * rules (errors of the edited rows point at their fields), write what differs, audit.
   */
  private async mutate(
    org: Organization,
    actor: Actor,
    planId: string,
    action: string,
    change: (content: TStrategyContent, plan: PlanRow) => { level: StrategyLevel; id: string } | { level: 'budget'; ids: string[] } | null,
  ): Promise<TStrategyStructure> {
    try {
      await this.repository.db.transaction(async (m) => {
        const plan = await this.plans.lockEditable(m, org.id, planId);
        if (!isEditable(plan)) throw StrategyErrors.notEditable(plan.status);
        const before = await this.repository.content(m, org.id, planId);
        const ctx = await this.ruleContext(m, org.id, plan);
        const after = clone(before);
        const focus = change(after, plan);
        const issues = checkStructure(after, ctx).filter((i) => relevant(i, focus));
        if (issues.length) throw StrategyErrors.invalid(fieldsOf(issues, focus, after));
        await this.persist(m, org.id, planId, before, after);
        await this.record(m, org, actor, action, focus && 'id' in focus ? focus.id : planId, null, focus);
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw StrategyErrors.hasChildren();
      if (isUniqueViolation(error)) throw StrategyErrors.invalid({ code: 'duplicate' });
      throw error;
    }
    return this.structure(org, planId);
  }

  /** Writes the difference between two structures: parents before children, removals children first. */
  private async persist(m: EntityManager, organizationId: string, planId: string, before: TStrategyContent, after: TStrategyContent): Promise<void> {
    // codes may swap between rows within one import
    await m.query('SET CONSTRAINTS ALL DEFERRED');
    if (stableJson(before.statement) !== stableJson(after.statement)) {
      await this.repository.saveStatement(m, organizationId, planId, after.statement, null);
    }
    const b = rowsOf(before) as unknown as Editable;
    const a = rowsOf(after) as unknown as Editable;
    for (const level of LEVEL_ORDER) {
      const old = new Map(b[level].map((r) => [r.id, r]));
      const changed = a[level].filter((r) => stableJson(old.get(r.id)) !== stableJson(r));
      await this.repository.upsert(m, level, organizationId, planId, changed);
      if (level === 'indicator') {
        const targets = (changed as TIndicator[]).filter((r) => JSON.stringify((old.get(r.id) as TIndicator | undefined)?.targets) !== JSON.stringify(r.targets));
        await this.repository.replaceTargets(m, organizationId, planId, targets);
      }
      if (level === 'project') {
        const districts = (changed as TProject[]).filter((r) => JSON.stringify((old.get(r.id) as TProject | undefined)?.districtIds) !== JSON.stringify(r.districtIds));
        await this.repository.replaceDistricts(m, organizationId, planId, districts);
      }
    }
    // budget lines by owner: owners whose lines differ get theirs replaced
    const linesOf = (content: TStrategyContent) => {
      const map = new Map<string, string[]>();
      for (const l of content.budget) {
        const key = l.projectId ? `p:${l.projectId}` : `f:${l.portfolioId}`;
        map.set(key, [...(map.get(key) ?? []), `${l.year}|${l.fundingSource}|${l.amount}`]);
      }
      for (const list of map.values()) list.sort();
      return map;
    };
    const oldLines = linesOf(before);
    const newLines = linesOf(after);
    const owners = new Set<string>();
    for (const key of new Set([...oldLines.keys(), ...newLines.keys()])) {
      if (JSON.stringify(oldLines.get(key)) !== JSON.stringify(newLines.get(key))) owners.add(key);
    }
    if (owners.size) {
      const projectIds = [...owners].filter((k) => k.startsWith('p:')).map((k) => k.slice(2));
      const portfolioIds = [...owners].filter((k) => k.startsWith('f:')).map((k) => k.slice(2));
      const lines = after.budget.filter((l) => owners.has(l.projectId ? `p:${l.projectId}` : `f:${l.portfolioId}`));
      await this.repository.replaceBudget(m, organizationId, planId, { projectIds, portfolioIds }, lines);
    }
    for (const level of [...LEVEL_ORDER].reverse()) {
      const kept = new Set(a[level].map((r) => r.id));
      await this.repository.remove(m, level, organizationId, planId, b[level].filter((r) => !kept.has(r.id)).map((r) => r.id));
    }
  }

  private async ruleContext(m: EntityManager | StrategyRepository['db'], organizationId: string, plan: PlanRow): Promise<RuleContext> {
    const [committees, districts, groups] = await allOf(m, [
      () => this.committees.namesOf(organizationId, plan.id),
      () => this.repository.districts(m, organizationId),
      () => this.repository.demandGroupsOfPlan(m, organizationId, plan.id),
    ] as const);
    return {
      strategic: { from: plan.strategicFrom, to: plan.strategicTo },
      operational: { from: plan.operationalFrom, to: plan.operationalTo },
      committeeIds: new Set(committees.map((c) => c.id)),
      districtIds: new Set(districts.map((d) => d.id)),
      demandGroupIds: groups,
    };
  }

  private async workbookRefs(m: EntityManager | StrategyRepository['db'], organizationId: string, planId: string): Promise<WorkbookRefs> {
    const [committees, districts] = await allOf(m, [() => this.committees.namesOf(organizationId, planId), () => this.repository.districts(m, organizationId)] as const);
    return { committees: committees.map((c) => ({ id: c.id, name: c.name.fa })), districts: districts.map((d) => ({ id: d.id, number: d.number })) };
  }

  private record(m: EntityManager, org: Organization, actor: Actor, action: string, entityId: string, before: unknown, after: unknown) {
    return this.audit.record(m, { organizationId: org.id, actorId: actor.accountId, action, entityType: 'strategy', entityId, before, after });
  }
}

function isEditable(plan: PlanRow): boolean {
  return (STRATEGY_EDITABLE_STATUSES as readonly string[]).includes(plan.status);
}

function listOf(content: TStrategyContent, level: StrategyLevel): LevelRow[] {
  return content[LIST_OF[level]] as LevelRow[];
}

/** A row of a level from its form's input. */
function rowFrom<L extends StrategyLevel>(level: L, input: LevelInput[L], base: { id: string; position: number; archived: boolean }): LevelRow {
  const i = input as Record<string, unknown>;
  const opt = (key: string) => (i[key] ?? null) as string | null;
  switch (level) {
    case 'focus_point':
      return { ...base, code: i.code, title: i.title, description: opt('description'), demandGroupId: opt('demandGroupId') } as TFocusPoint;
    case 'goal':
    case 'portfolio':
      return { ...base, code: i.code, title: i.title, description: opt('description') } as TGoal;
    case 'output':
      return { ...base, goalId: i.goalId, code: i.code, title: i.title, description: opt('description') } as TOutput;
    case 'indicator': {
      const v = input as LevelInput['indicator'];
      return {
        ...base,
        outputId: v.outputId,
        code: v.code,
        title: v.title,
        unit: v.unit,
        direction: v.direction,
        formula: v.formula,
        variables: v.variables.map((x) => ({ name: x.name, label: x.label, unit: x.unit ?? null })),
        dataSource: v.dataSource ?? null,
        responsibleUnit: v.responsibleUnit ?? null,
        baselineYear: v.baselineYear ?? null,
        baselineValue: v.baselineValue ?? null,
        targets: [...v.targets].sort((a, b) => a.year - b.year),
      } satisfies TIndicator;
    }
    case 'project': {
      const v = input as LevelInput['project'];
      return {
        ...base,
        outputId: v.outputId,
        portfolioId: v.portfolioId ?? null,
        committeeId: v.committeeId ?? null,
        code: v.code,
        title: v.title,
        description: v.description ?? null,
        responsibleUnit: v.responsibleUnit ?? null,
        districtIds: [...new Set(v.districtIds)].sort(),
        location: v.location ?? null,
        startsOn: v.startsOn ?? null,
        endsOn: v.endsOn ?? null,
        totalCost: v.totalCost,
        fundingSources: v.fundingSources,
        status: v.status,
        progress: v.progress,
      } satisfies TProject;
    }
    default: {
      const v = input as LevelInput['action'];
      return {
        ...base,
        projectId: v.projectId,
        code: v.code,
        title: v.title,
        responsibleUnit: v.responsibleUnit ?? null,
        startsOn: v.startsOn ?? null,
        endsOn: v.endsOn ?? null,
        status: v.status,
        progress: v.progress,
      } satisfies TAction;
    }
  }
}

type Focus = { level: StrategyLevel; id: string } | { level: 'budget'; ids: string[] } | null;

function relevant(issue: RuleIssue, focus: Focus): boolean {
  if (!focus) return true;
  if ('ids' in focus) return issue.level === 'budget' && focus.ids.includes(issue.id);
  return issue.id === focus.id;
}

/** The rules' issues as the form's field errors. */
function fieldsOf(issues: RuleIssue[], focus: Focus, content: TStrategyContent): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of issues) {
    let field = i.field;
    if (focus && 'ids' in focus) {
      const k = focus.ids.indexOf(i.id);
      field = `allocations.${k}.${i.field === 'owner' ? 'year' : i.field}`;
    }
    fields[field] ??= i.code;
  }
  void content;
  return fields;
}

/** A short stamp of a structure: a preview's fingerprint covers it, so a later change makes the apply stale. */
function stamp(content: TStrategyContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** Budget lines get fresh ids when read from a file; those of unchanged lines are put back, so they diff as unchanged. */
function withStableBudgetIds(current: TStrategyContent, next: TStrategyContent): TStrategyContent {
  const key = (b: TStrategyContent['budget'][number]) => `${b.projectId}|${b.portfolioId}|${b.year}|${b.fundingSource}`;
  const ids = new Map(current.budget.map((b) => [key(b), b.id]));
  return { ...next, budget: next.budget.map((b) => ({ ...b, id: ids.get(key(b)) ?? b.id })) };
}
