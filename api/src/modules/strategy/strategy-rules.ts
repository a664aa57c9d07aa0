import {
  checkFormula,
  formulaFieldCode,
  type StrategyLevel,
  type TBudgetAllocation,
  type TStrategyContent,
  type TStructureChange,
} from '@hamandishi/contracts';

/** A rule broken by one row of the structure: the level, the row's id, the field and a field code. */
export type RuleIssue = { level: StrategyLevel | 'budget' | 'target'; id: string; field: string; code: string };

/** What the rules check the structure against: the plan's horizons and the ids it may point at. */
export type RuleContext = {
  strategic: { from: number; to: number };
  operational: { from: number; to: number };
  committeeIds: Set<string>;
  districtIds: Set<string>;
  demandGroupIds: Set<string>;
};

/** The rows of each level of a content, keyed by level. */
export function rowsOf(content: TStrategyContent): Record<StrategyLevel, { id: string; code: string; title: string }[]> {
  return {
    focus_point: content.focusPoints,
    goal: content.goals,
    output: content.outputs,
    indicator: content.indicators,
    portfolio: content.portfolios,
    project: content.projects,
    action: content.actions,
  };
}

/**
 * Every rule of the hierarchy over a whole structure: codes unique per level, every child under a
 * parent of the structure (no orphans; the fixed levels allow no cycles), committees, districts and
 * demand groups of this plan, formulas over their declared variables, target years inside the
 * strategic horizon, budget years inside the operational horizon, amounts never negative.
 */
export function checkStructure(content: TStrategyContent, ctx: RuleContext): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (level: RuleIssue['level'], id: string, field: string, code: string) => issues.push({ level, id, field, code });
  const levels = rowsOf(content);
  for (const [level, rows] of Object.entries(levels) as [StrategyLevel, { id: string; code: string }[]][]) {
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.code)) add(level, row.id, 'code', 'duplicate');
      seen.add(row.code);
    }
  }
  const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
  const goals = ids(content.goals);
  const outputs = ids(content.outputs);
  const portfolios = ids(content.portfolios);
  const projects = ids(content.projects);
  const within = (year: number, range: { from: number; to: number }) => year >= range.from && year <= range.to;

  for (const f of content.focusPoints) {
    if (f.demandGroupId && !ctx.demandGroupIds.has(f.demandGroupId)) add('focus_point', f.id, 'demandGroupId', 'invalid_value');
  }
  for (const o of content.outputs) if (!goals.has(o.goalId)) add('output', o.id, 'goalId', 'unknown_code');
  for (const i of content.indicators) {
    if (!outputs.has(i.outputId)) add('indicator', i.id, 'outputId', 'unknown_code');
    const names = new Set<string>();
    i.variables.forEach((v, k) => {
      if (names.has(v.name)) add('indicator', i.id, `variables.${k}.name`, 'duplicate');
      names.add(v.name);
    });
    const check = checkFormula(i.formula, i.variables.map((v) => v.name));
    if (!check.ok) add('indicator', i.id, 'formula', formulaFieldCode(check.code));
    if (i.baselineYear !== null && i.baselineYear > ctx.strategic.to) add('indicator', i.id, 'baselineYear', 'year_outside_horizon');
    const years = new Set<number>();
    i.targets.forEach((t, k) => {
      if (!within(t.year, ctx.strategic)) add('target', i.id, `targets.${k}.year`, 'year_outside_horizon');
      else if (years.has(t.year)) add('target', i.id, `targets.${k}.year`, 'duplicate');
      years.add(t.year);
    });
  }
  for (const p of content.projects) {
    if (!outputs.has(p.outputId)) add('project', p.id, 'outputId', 'unknown_code');
    if (p.portfolioId && !portfolios.has(p.portfolioId)) add('project', p.id, 'portfolioId', 'unknown_code');
    if (p.committeeId && !ctx.committeeIds.has(p.committeeId)) add('project', p.id, 'committeeId', 'invalid_value');
    p.districtIds.forEach((d, k) => {
      if (!ctx.districtIds.has(d)) add('project', p.id, `districtIds.${k}`, 'invalid_value');
    });
    if (!/^\d{1,18}$/.test(p.totalCost)) add('project', p.id, 'totalCost', p.totalCost.startsWith('-') ? 'negative_amount' : 'invalid_format');
    if (p.startsOn && p.endsOn && p.endsOn < p.startsOn) add('project', p.id, 'endsOn', 'invalid_value');
  }
  for (const a of content.actions) {
    if (!projects.has(a.projectId)) add('action', a.id, 'projectId', 'unknown_code');
    if (a.startsOn && a.endsOn && a.endsOn < a.startsOn) add('action', a.id, 'endsOn', 'invalid_value');
  }
  const budgetKeys = new Set<string>();
  for (const b of content.budget) {
    const owner = b.projectId ?? b.portfolioId ?? '';
    if (b.projectId ? !projects.has(b.projectId) : !b.portfolioId || !portfolios.has(b.portfolioId)) add('budget', b.id, 'owner', 'unknown_code');
    if (!within(b.year, ctx.operational)) add('budget', b.id, 'year', 'year_outside_horizon');
    if (!/^\d{1,18}$/.test(b.amount)) add('budget', b.id, 'amount', b.amount.trim().startsWith('-') ? 'negative_amount' : 'invalid_format');
    const key = `${owner}\u0000${b.year}\u0000${b.fundingSource}`;
    if (budgetKeys.has(key)) add('budget', b.id, 'fundingSource', 'duplicate');
    budgetKeys.add(key);
  }
  return issues;
}

// ---- differences ---------------------------------------------------------------------------

// Fields compared per level; position is persisted but not shown as a change.
const IGNORED = new Set(['id', 'position']);

/** JSON with object keys sorted, so two equal values compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const same = (a: unknown, b: unknown): boolean => stableJson(a) === stableJson(b);

/** The changed fields of two versions of a row (position left out). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): TStructureChange['fields'] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const fields: TStructureChange['fields'] = [];
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    if (!same(before[key], after[key])) fields.push({ field: key, before: before[key] ?? null, after: after[key] ?? null });
  }
  return fields;
}

function budgetKey(b: TBudgetAllocation): string {
  return `${b.projectId ?? ''}|${b.portfolioId ?? ''}|${b.year}|${b.fundingSource}`;
}

/**
 * The changes from one structure to another, rows matched by id (ids stay the same across edits,
 * imports and frozen versions): added, changed (with each field before and after), removed. Budget
 * lines are matched by owner, year and funding source.
 */
export function diffContent(before: TStrategyContent, after: TStrategyContent): TStructureChange[] {
  const changes: TStructureChange[] = [];
  const stmtFields = changedFields(before.statement, after.statement);
  if (stmtFields.length) changes.push({ level: 'statement', kind: 'changed', code: '-', title: null, fields: stmtFields });
  const beforeRows = rowsOf(before);
  const afterRows = rowsOf(after);
  for (const level of Object.keys(afterRows) as StrategyLevel[]) {
    const old = new Map(beforeRows[level].map((r) => [r.id, r]));
    const seen = new Set<string>();
    for (const row of afterRows[level]) {
      seen.add(row.id);
      const prev = old.get(row.id);
      if (!prev) {
        changes.push({ level, kind: 'added', code: row.code, title: row.title, fields: [] });
        continue;
      }
      const fields = changedFields(prev as unknown as Record<string, unknown>, row as unknown as Record<string, unknown>);
      if (fields.length) changes.push({ level, kind: 'changed', code: row.code, title: row.title, fields });
    }
    for (const row of beforeRows[level]) {
      if (!seen.has(row.id)) changes.push({ level, kind: 'removed', code: row.code, title: row.title, fields: [] });
    }
  }
  const ownerCode = (content: TStrategyContent, b: TBudgetAllocation) =>
    (b.projectId ? content.projects.find((p) => p.id === b.projectId)?.code : content.portfolios.find((p) => p.id === b.portfolioId)?.code) ?? '?';
  const oldBudget = new Map(before.budget.map((b) => [budgetKey(b), b]));
  const newBudget = new Map(after.budget.map((b) => [budgetKey(b), b]));
  for (const [key, b] of newBudget) {
    const prev = oldBudget.get(key);
    const code = `${ownerCode(after, b)} ${b.year}${b.fundingSource ? ` ${b.fundingSource}` : ''}`;
    if (!prev) changes.push({ level: 'budget', kind: 'added', code, title: null, fields: [{ field: 'amount', before: null, after: b.amount }] });
    else if (prev.amount !== b.amount) changes.push({ level: 'budget', kind: 'changed', code, title: null, fields: [{ field: 'amount', before: prev.amount, after: b.amount }] });
  }
  for (const [key, b] of oldBudget) {
    if (!newBudget.has(key)) {
      const code = `${ownerCode(before, b)} ${b.year}${b.fundingSource ? ` ${b.fundingSource}` : ''}`;
      changes.push({ level: 'budget', kind: 'removed', code, title: null, fields: [{ field: 'amount', before: b.amount, after: null }] });
    }
  }
  return changes;
}

/** Counts of a list of changes by kind. */
export function countChanges(changes: TStructureChange[]): { added: number; changed: number; removed: number } {
  return {
    added: changes.filter((c) => c.kind === 'added').length,
    changed: changes.filter((c) => c.kind === 'changed').length,
    removed: changes.filter((c) => c.kind === 'removed').length,
  };
}
