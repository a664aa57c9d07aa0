import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import {
  type StrategyLevel,
  type TAction,
  type TBudgetAllocation,
  type TFocusPoint,
  type TGoal,
  type TImportIssue,
  type TIndicator,
  type TOutput,
  type TPortfolio,
  type TProject,
  type TStrategyContent,
  ZActionInput,
  ZFocusPointInput,
  ZGoalInput,
  ZIndicatorInput,
  ZOutputInput,
  ZPortfolioInput,
  ZProjectInput,
  ZRials,
  ZStrategyStatementInput,
} from '@hamandishi/contracts';
import { neutraliseFormula } from '../../common/export/formula-safe';
import { restoreNeutralised } from '../themes/theme-file';
import type { RuleIssue } from './strategy-rules';

/** The XLSX content type. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The sheets of a structure workbook and their columns; `id` (hidden) carries the row across a round trip. */
export const SHEETS = {
  plan: ['key', 'value'],
  focus_points: ['id', 'code', 'title', 'description', 'demand_group_id', 'archived'],
  goals: ['id', 'code', 'title', 'description', 'archived'],
  outputs: ['id', 'code', 'goal_code', 'title', 'description', 'archived'],
  indicators: ['id', 'code', 'output_code', 'title', 'unit', 'direction', 'formula', 'data_source', 'responsible_unit', 'baseline_year', 'baseline_value', 'archived'],
  variables: ['indicator_code', 'name', 'label', 'unit'],
  targets: ['indicator_code', 'year', 'value'],
  portfolios: ['id', 'code', 'title', 'description', 'archived'],
  projects: [
    'id', 'code', 'output_code', 'portfolio_code', 'committee', 'title', 'description', 'responsible_unit', 'districts', 'lat', 'lng',
    'starts_on', 'ends_on', 'total_cost', 'funding_sources', 'status', 'progress', 'archived',
  ],
  actions: ['id', 'code', 'project_code', 'title', 'responsible_unit', 'starts_on', 'ends_on', 'status', 'progress', 'archived'],
  budget: ['owner_type', 'owner_code', 'year', 'funding_source', 'amount'],
} as const;
type SheetName = keyof typeof SHEETS;

/** Names the workbook uses for the plan's committees and districts. */
export type WorkbookRefs = {
  committees: { id: string; name: string }[];
  districts: { id: string; number: number }[];
};

type Cell = string | number | null;
const yes = (b: boolean) => (b ? 'yes' : '');
const LIST = '; ';

/** The structure as a workbook: one sheet per level, codes link the rows, ids hidden in column A. */
export async function writeStructureXlsx(content: TStrategyContent, refs: WorkbookRefs): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const codeOf = (rows: { id: string; code: string }[]) => new Map(rows.map((r) => [r.id, r.code]));
  const goals = codeOf(content.goals);
  const outputs = codeOf(content.outputs);
  const portfolios = codeOf(content.portfolios);
  const projects = codeOf(content.projects);
  const indicators = codeOf(content.indicators);
  const committees = new Map(refs.committees.map((c) => [c.id, c.name]));
  const districts = new Map(refs.districts.map((d) => [d.id, d.number]));
  const sheet = (name: SheetName, rows: Cell[][]) => {
    const ws = workbook.addWorksheet(name, { views: [{ rightToLeft: true, state: 'frozen', ySplit: 1 }] });
    ws.addRow([...SHEETS[name]]).font = { bold: true };
    for (const row of rows) ws.addRow(row.map((c) => (typeof c === 'string' ? neutraliseFormula(c) : c)));
    if ((SHEETS[name] as readonly string[])[0] === 'id') ws.getColumn(1).hidden = true;
  };
  sheet('plan', [
    ['vision', content.statement.vision],
    ['mission', content.statement.mission],
    ...content.statement.values.map((v) => ['value', v]),
  ]);
  sheet('focus_points', content.focusPoints.map((f) => [f.id, f.code, f.title, f.description, f.demandGroupId, yes(f.archived)]));
  sheet('goals', content.goals.map((g) => [g.id, g.code, g.title, g.description, yes(g.archived)]));
  sheet('outputs', content.outputs.map((o) => [o.id, o.code, goals.get(o.goalId) ?? '', o.title, o.description, yes(o.archived)]));
  sheet(
    'indicators',
    content.indicators.map((i) => [
      i.id, i.code, outputs.get(i.outputId) ?? '', i.title, i.unit, i.direction, i.formula, i.dataSource, i.responsibleUnit,
      i.baselineYear, i.baselineValue, yes(i.archived),
    ]),
  );
  sheet('variables', content.indicators.flatMap((i) => i.variables.map((v) => [i.code, v.name, v.label, v.unit])));
  sheet('targets', content.indicators.flatMap((i) => i.targets.map((t) => [i.code, t.year, t.value])));
  sheet('portfolios', content.portfolios.map((p) => [p.id, p.code, p.title, p.description, yes(p.archived)]));
  sheet(
    'projects',
    content.projects.map((p) => [
      p.id, p.code, outputs.get(p.outputId) ?? '', p.portfolioId ? (portfolios.get(p.portfolioId) ?? '') : '',
      p.committeeId ? (committees.get(p.committeeId) ?? '') : '', p.title, p.description, p.responsibleUnit,
      p.districtIds.map((d) => districts.get(d)).filter((d) => d !== undefined).join(LIST), p.location?.lat ?? null, p.location?.lng ?? null,
      p.startsOn, p.endsOn, p.totalCost, p.fundingSources.join(LIST), p.status, p.progress, yes(p.archived),
    ]),
  );
  sheet(
    'actions',
    content.actions.map((a) => [a.id, a.code, projects.get(a.projectId) ?? '', a.title, a.responsibleUnit, a.startsOn, a.endsOn, a.status, a.progress, yes(a.archived)]),
  );
  sheet(
    'budget',
    content.budget.map((b) => [
      b.projectId ? 'project' : 'portfolio',
      (b.projectId ? projects.get(b.projectId) : portfolios.get(b.portfolioId ?? '')) ?? '',
      b.year,
      b.fundingSource,
      b.amount,
    ]),
  );
  void indicators;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---- reading --------------------------------------------------------------------------------

/** Where each row of the read structure came from, to point issues at the file's row and cell. */
type Origin = { sheet: SheetName; row: number };

/** A workbook read into a structure, with the problems found while reading it. */
export type ReadWorkbook = {
  content: TStrategyContent;
  issues: TImportIssue[];
  /** Points a rule's issue (level, id, field) at the sheet, row and column it came from. */
  locate: (issue: RuleIssue) => TImportIssue;
};

const FIELD_COLUMN: Record<string, string> = {
  goalId: 'goal_code',
  outputId: 'output_code',
  projectId: 'project_code',
  portfolioId: 'portfolio_code',
  committeeId: 'committee',
  districtIds: 'districts',
  demandGroupId: 'demand_group_id',
  dataSource: 'data_source',
  responsibleUnit: 'responsible_unit',
  baselineYear: 'baseline_year',
  baselineValue: 'baseline_value',
  startsOn: 'starts_on',
  endsOn: 'ends_on',
  totalCost: 'total_cost',
  fundingSources: 'funding_sources',
  fundingSource: 'funding_source',
  owner: 'owner_code',
  location: 'lat',
};
const columnOf = (field: string) => FIELD_COLUMN[field.split('.')[0]] ?? field.split('.')[0];

/** The most rows a sheet may have (Ahvaz's largest level has a few hundred). */
export const MAX_SHEET_ROWS = 5_000;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return restoreNeutralised(value).trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    // a formula is never evaluated: its cached result is read as text
    if ('richText' in value) return value.richText.map((p) => p.text).join('').trim();
    if ('result' in value) return value.result === undefined || value.result === null ? '' : cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim();
  }
  return '';
}

type SheetRows = { row: number; get: (column: string) => string }[];

/**
 * Reads a structure workbook against the current structure: rows whose hidden id is one of this
 * plan's rows of the same level keep it (they are changed, or unchanged); other rows are new.
 * Each row goes through the same schema as the editor's form, so text is cleaned the same way.
 */
export async function readStructureXlsx(body: Buffer, current: TStrategyContent, refs: WorkbookRefs): Promise<ReadWorkbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const issues: TImportIssue[] = [];
  const issue = (sheet: string, row: number | null, column: string | null, code: string, value?: string) =>
    issues.push({ sheet, row, column, code, ...(value ? { value: value.slice(0, 100) } : {}) });

  const sheets = {} as Record<SheetName, SheetRows>;
  for (const name of Object.keys(SHEETS) as SheetName[]) {
    const ws = workbook.getWorksheet(name);
    if (!ws) {
      issue(name, null, null, 'missing_sheet');
      sheets[name] = [];
      continue;
    }
    const header = new Map<string, number>();
    ws.getRow(1).eachCell((cell, col) => header.set(cellText(cell.value).toLowerCase(), col));
    for (const column of SHEETS[name]) if (!header.has(column)) issue(name, 1, column, 'missing_column');
    const rows: SheetRows = [];
    ws.eachRow((r, number) => {
      if (number === 1) return;
      const values = new Map<string, string>();
      for (const [column, col] of header) values.set(column, cellText(r.getCell(col).value));
      if ([...values.values()].every((v) => v === '')) return;
      rows.push({ row: number, get: (column) => values.get(column) ?? '' });
    });
    if (rows.length > MAX_SHEET_ROWS) {
      issue(name, MAX_SHEET_ROWS + 2, null, 'too_many_rows');
      sheets[name] = rows.slice(0, MAX_SHEET_ROWS);
    } else sheets[name] = rows;
  }

  const origins = new Map<string, Origin>();
  // a row's position is its order among its siblings in the sheet
  const counters = new Map<string, number>();
  const nextPosition = (level: string, parent: string | null) => {
    const key = `${level}|${parent ?? ''}`;
    const n = counters.get(key) ?? 0;
    counters.set(key, n + 1);
    return n;
  };
  const targetOrigins = new Map<string, number[]>();
  const variableOrigins = new Map<string, number[]>();
  const budgetOrigins = new Map<string, number>();
  const targetYearOfRow = new Map<number, number>();

  const existing = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
  const known: Record<StrategyLevel, Set<string>> = {
    focus_point: existing(current.focusPoints),
    goal: existing(current.goals),
    output: existing(current.outputs),
    indicator: existing(current.indicators),
    portfolio: existing(current.portfolios),
    project: existing(current.projects),
    action: existing(current.actions),
  };
  const idFor = (level: StrategyLevel, raw: string, seen: Set<string>) => {
    const id = known[level].has(raw) && !seen.has(raw) ? raw : randomUUID();
    seen.add(id);
    return id;
  };
  const archived = (v: string) => ['yes', 'true', '1', 'بله'].includes(v.toLowerCase());
  const number = (sheet: SheetName, row: number, column: string, v: string, integer = false): number | null => {
    if (v === '') return null;
    const ascii = v.replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x6f0)).replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace('\u066b', '.');
    const value = Number(ascii);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      issue(sheet, row, column, 'invalid_format', v);
      return null;
    }
    return value;
  };
  // A row through its form's schema: the cleaned values, or its problems at their columns.
  const parse = <S extends z.ZodType>(schema: S, sheet: SheetName, row: number, input: unknown, columnFor = columnOf): z.output<S> | null => {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    const reported = new Set<string>();
    for (const i of result.error.issues) {
      const field = i.path.map(String).join('.');
      const column = columnFor(field || '_');
      if (reported.has(column)) continue;
      reported.add(column);
      issue(sheet, row, column, messageCode(i));
    }
    return null;
  };
  const PLACEHOLDER = '00000000-0000-4000-8000-000000000000';
  const codes = () => {
    const map = new Map<string, string>();
    return {
      map,
      add: (code: string, id: string) => {
        if (code && !map.has(code)) map.set(code, id);
      },
    };
  };
  const resolve = (index: Map<string, string>, sheet: SheetName, row: number, column: string, code: string, required: boolean): string | null => {
    if (code === '') {
      if (required) issue(sheet, row, column, 'required');
      return required ? PLACEHOLDER : null;
    }
    const id = index.get(code);
    if (!id) {
      issue(sheet, row, column, 'unknown_code', code);
      return required ? PLACEHOLDER : null;
    }
    return id;
  };

  // plan
  const statement = { vision: '', mission: '', values: [] as string[] };
  for (const r of sheets.plan) {
    const key = r.get('key').toLowerCase();
    if (key === 'vision') statement.vision = r.get('value');
    else if (key === 'mission') statement.mission = r.get('value');
    else if (key === 'value') statement.values.push(r.get('value'));
    else issue('plan', r.row, 'key', 'invalid_value', key);
  }
  const cleanStatement = parse(ZStrategyStatementInput, 'plan', 2, statement, () => 'value') ?? statement;

  // simple levels
  const seenIds = new Set<string>();
  const focusPoints: TFocusPoint[] = [];
  sheets.focus_points.forEach((r) => {
    const position = nextPosition('focus_point', null);
    const input = { code: r.get('code'), title: r.get('title'), description: r.get('description') || null, demandGroupId: r.get('demand_group_id') || null };
    const v = parse(ZFocusPointInput, 'focus_points', r.row, input);
    const id = idFor('focus_point', r.get('id'), seenIds);
    origins.set(`focus_point:${id}`, { sheet: 'focus_points', row: r.row });
    if (v) focusPoints.push({ id, code: v.code, title: v.title, description: v.description ?? null, demandGroupId: v.demandGroupId ?? null, position, archived: archived(r.get('archived')) });
  });
  const plain = (sheet: 'goals' | 'portfolios', level: 'goal' | 'portfolio', index: ReturnType<typeof codes>): TGoal[] => {
    const out: TGoal[] = [];
    sheets[sheet].forEach((r) => {
      const position = nextPosition(level, null);
      const v = parse(level === 'goal' ? ZGoalInput : ZPortfolioInput, sheet, r.row, { code: r.get('code'), title: r.get('title'), description: r.get('description') || null });
      const id = idFor(level, r.get('id'), seenIds);
      origins.set(`${level}:${id}`, { sheet, row: r.row });
      index.add(r.get('code'), id);
      if (v) out.push({ id, code: v.code, title: v.title, description: v.description ?? null, position, archived: archived(r.get('archived')) });
    });
    return out;
  };
  const goalCodes = codes();
  const portfolioCodes = codes();
  const goals = plain('goals', 'goal', goalCodes);
  const portfolios: TPortfolio[] = plain('portfolios', 'portfolio', portfolioCodes);

  const outputCodes = codes();
  const outputRows = sheets.outputs.map((r) => ({ r, id: idFor('output', r.get('id'), seenIds) }));
  outputRows.forEach(({ r, id }) => outputCodes.add(r.get('code'), id));
  const outputs: TOutput[] = [];
  outputRows.forEach(({ r, id }) => {
    origins.set(`output:${id}`, { sheet: 'outputs', row: r.row });
    const goalId = resolve(goalCodes.map, 'outputs', r.row, 'goal_code', r.get('goal_code'), true)!;
    const position = nextPosition('output', goalId);
    const v = parse(ZOutputInput, 'outputs', r.row, { goalId, code: r.get('code'), title: r.get('title'), description: r.get('description') || null });
    if (v) outputs.push({ id, goalId, code: v.code, title: v.title, description: v.description ?? null, position, archived: archived(r.get('archived')) });
  });

  // indicators with their variables and targets
  const indicatorCodes = codes();
  const indicatorRows = sheets.indicators.map((r) => ({ r, id: idFor('indicator', r.get('id'), seenIds) }));
  indicatorRows.forEach(({ r, id }) => indicatorCodes.add(r.get('code'), id));
  const variablesOf = new Map<string, { name: string; label: string; unit: string | null }[]>();
  for (const r of sheets.variables) {
    const id = resolve(indicatorCodes.map, 'variables', r.row, 'indicator_code', r.get('indicator_code'), true)!;
    const list = variablesOf.get(id) ?? [];
    list.push({ name: r.get('name'), label: r.get('label'), unit: r.get('unit') || null });
    variablesOf.set(id, list);
    variableOrigins.set(id, [...(variableOrigins.get(id) ?? []), r.row]);
  }
  const targetsOf = new Map<string, { year: number; value: number }[]>();
  for (const r of sheets.targets) {
    const id = resolve(indicatorCodes.map, 'targets', r.row, 'indicator_code', r.get('indicator_code'), true)!;
    const year = number('targets', r.row, 'year', r.get('year'), true);
    const value = number('targets', r.row, 'value', r.get('value'));
    if (year === null || value === null) {
      if (r.get('year') === '') issue('targets', r.row, 'year', 'required');
      if (r.get('value') === '') issue('targets', r.row, 'value', 'required');
      continue;
    }
    targetsOf.set(id, [...(targetsOf.get(id) ?? []), { year, value }]);
    targetYearOfRow.set(r.row, year);
    targetOrigins.set(id, [...(targetOrigins.get(id) ?? []), r.row]);
  }
  const indicators: TIndicator[] = [];
  indicatorRows.forEach(({ r, id }) => {
    origins.set(`indicator:${id}`, { sheet: 'indicators', row: r.row });
    const outputId = resolve(outputCodes.map, 'indicators', r.row, 'output_code', r.get('output_code'), true)!;
    const position = nextPosition('indicator', outputId);
    const input = {
      outputId,
      code: r.get('code'),
      title: r.get('title'),
      unit: r.get('unit'),
      direction: r.get('direction') || 'increase',
      formula: r.get('formula'),
      variables: variablesOf.get(id) ?? [],
      dataSource: r.get('data_source') || null,
      responsibleUnit: r.get('responsible_unit') || null,
      baselineYear: number('indicators', r.row, 'baseline_year', r.get('baseline_year'), true),
      baselineValue: number('indicators', r.row, 'baseline_value', r.get('baseline_value')),
      targets: targetsOf.get(id) ?? [],
    };
    // problems of a variable or a target point at their own sheet's row
    const result = ZIndicatorInput.safeParse(input);
    if (!result.success) {
      for (const i of result.error.issues) {
        const [head, k, field] = i.path.map(String);
        if (head === 'variables') issue('variables', variableOrigins.get(id)?.[Number(k)] ?? null, field ?? 'name', messageCode(i));
        else if (head === 'targets') issue('targets', targetOrigins.get(id)?.[Number(k)] ?? null, field ?? 'year', messageCode(i));
        else issue('indicators', r.row, columnOf(i.path.map(String).join('.') || '_'), messageCode(i));
      }
      return;
    }
    const v = result.data;
    indicators.push({
      id,
      outputId,
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
      position,
      archived: archived(r.get('archived')),
    });
  });

  // projects and actions
  const committeeByName = new Map(refs.committees.map((c) => [c.name, c.id]));
  const districtByNumber = new Map(refs.districts.map((d) => [String(d.number), d.id]));
  const projectCodes = codes();
  const projectRows = sheets.projects.map((r) => ({ r, id: idFor('project', r.get('id'), seenIds) }));
  projectRows.forEach(({ r, id }) => projectCodes.add(r.get('code'), id));
  const projects: TProject[] = [];
  projectRows.forEach(({ r, id }) => {
    origins.set(`project:${id}`, { sheet: 'projects', row: r.row });
    const outputId = resolve(outputCodes.map, 'projects', r.row, 'output_code', r.get('output_code'), true)!;
    const position = nextPosition('project', outputId);
    const portfolioId = resolve(portfolioCodes.map, 'projects', r.row, 'portfolio_code', r.get('portfolio_code'), false);
    let committeeId: string | null = null;
    if (r.get('committee')) {
      committeeId = committeeByName.get(r.get('committee')) ?? null;
      if (!committeeId) issue('projects', r.row, 'committee', 'unknown_code', r.get('committee'));
    }
    const districtIds: string[] = [];
    for (const part of split(r.get('districts'))) {
      const ascii = part.replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
      const d = districtByNumber.get(ascii);
      if (d) districtIds.push(d);
      else issue('projects', r.row, 'districts', 'unknown_code', part);
    }
    const lat = number('projects', r.row, 'lat', r.get('lat'));
    const lng = number('projects', r.row, 'lng', r.get('lng'));
    const input = {
      outputId,
      portfolioId,
      committeeId,
      code: r.get('code'),
      title: r.get('title'),
      description: r.get('description') || null,
      responsibleUnit: r.get('responsible_unit') || null,
      districtIds: [...new Set(districtIds)].sort(),
      location: lat === null && lng === null ? null : { lat, lng },
      startsOn: r.get('starts_on') || null,
      endsOn: r.get('ends_on') || null,
      totalCost: r.get('total_cost') || '0',
      fundingSources: split(r.get('funding_sources')),
      status: r.get('status') || 'planned',
      progress: number('projects', r.row, 'progress', r.get('progress'), true) ?? 0,
    };
    const v = parse(ZProjectInput, 'projects', r.row, input);
    if (v)
      projects.push({
        id,
        outputId,
        portfolioId: v.portfolioId ?? null,
        committeeId: v.committeeId ?? null,
        code: v.code,
        title: v.title,
        description: v.description ?? null,
        responsibleUnit: v.responsibleUnit ?? null,
        districtIds: v.districtIds,
        location: v.location ?? null,
        startsOn: v.startsOn ?? null,
        endsOn: v.endsOn ?? null,
        totalCost: v.totalCost,
        fundingSources: v.fundingSources,
        status: v.status,
        progress: v.progress,
        position,
        archived: archived(r.get('archived')),
      });
  });
  const actions: TAction[] = [];
  sheets.actions.forEach((r) => {
    const id = idFor('action', r.get('id'), seenIds);
    origins.set(`action:${id}`, { sheet: 'actions', row: r.row });
    const projectId = resolve(projectCodes.map, 'actions', r.row, 'project_code', r.get('project_code'), true)!;
    const position = nextPosition('action', projectId);
    const input = {
      projectId,
      code: r.get('code'),
      title: r.get('title'),
      responsibleUnit: r.get('responsible_unit') || null,
      startsOn: r.get('starts_on') || null,
      endsOn: r.get('ends_on') || null,
      status: r.get('status') || 'planned',
      progress: number('actions', r.row, 'progress', r.get('progress'), true) ?? 0,
    };
    const v = parse(ZActionInput, 'actions', r.row, input);
    if (v)
      actions.push({
        id,
        projectId,
        code: v.code,
        title: v.title,
        responsibleUnit: v.responsibleUnit ?? null,
        startsOn: v.startsOn ?? null,
        endsOn: v.endsOn ?? null,
        status: v.status,
        progress: v.progress,
        position,
        archived: archived(r.get('archived')),
      });
  });

  // budget
  const budget: TBudgetAllocation[] = [];
  for (const r of sheets.budget) {
    const type = r.get('owner_type').toLowerCase();
    if (type !== 'project' && type !== 'portfolio') {
      issue('budget', r.row, 'owner_type', type ? 'invalid_value' : 'required', type);
      continue;
    }
    const ownerId = resolve(type === 'project' ? projectCodes.map : portfolioCodes.map, 'budget', r.row, 'owner_code', r.get('owner_code'), false);
    const year = number('budget', r.row, 'year', r.get('year'), true);
    if (year === null && r.get('year') === '') issue('budget', r.row, 'year', 'required');
    const amount = ZRials.safeParse(r.get('amount'));
    if (!amount.success) issue('budget', r.row, 'amount', messageCode(amount.error.issues[0]), r.get('amount'));
    if (!ownerId || year === null || !amount.success) continue;
    const id = randomUUID();
    budgetOrigins.set(id, r.row);
    budget.push({
      id,
      projectId: type === 'project' ? ownerId : null,
      portfolioId: type === 'portfolio' ? ownerId : null,
      year,
      fundingSource: r.get('funding_source'),
      amount: amount.data,
    });
  }

  const content: TStrategyContent = {
    statement: { vision: cleanStatement.vision, mission: cleanStatement.mission, values: cleanStatement.values },
    focusPoints,
    goals,
    outputs,
    indicators,
    portfolios,
    projects,
    actions,
    budget,
  };
  const SHEET_OF: Record<StrategyLevel, SheetName> = {
    focus_point: 'focus_points',
    goal: 'goals',
    output: 'outputs',
    indicator: 'indicators',
    portfolio: 'portfolios',
    project: 'projects',
    action: 'actions',
  };
  const locate = (ri: RuleIssue): TImportIssue => {
    if (ri.level === 'budget') return { sheet: 'budget', row: budgetOrigins.get(ri.id) ?? null, column: columnOf(ri.field), code: ri.code };
    if (ri.level === 'target' || ri.field.startsWith('targets.')) {
      // the rules index the indicator's targets sorted by year: find the file's row by the year
      const k = Number(ri.field.split('.')[1]);
      const year = indicators.find((i) => i.id === ri.id)?.targets[k]?.year;
      const rows = targetOrigins.get(ri.id) ?? [];
      const row = rows.find((r) => targetYearOfRow.get(r) === year) ?? null;
      return { sheet: 'targets', row, column: 'year', code: ri.code };
    }
    if (ri.field.startsWith('variables.')) {
      const k = Number(ri.field.split('.')[1]);
      return { sheet: 'variables', row: variableOrigins.get(ri.id)?.[k] ?? null, column: 'name', code: ri.code };
    }
    const origin = origins.get(`${ri.level}:${ri.id}`);
    return { sheet: origin?.sheet ?? SHEET_OF[ri.level], row: origin?.row ?? null, column: columnOf(ri.field), code: ri.code };
  };
  return { content, issues, locate };
}

function split(value: string): string[] {
  return value
    .split(/[;؛,،]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A zod issue's field code: our schemas put the code in the message; zod's own issues are named by kind. */
function messageCode(issue: z.core.$ZodIssue): string {
  if (/^[a-z_]+$/.test(issue.message)) return issue.message;
  if (issue.code === 'invalid_type') return issue.input === undefined || issue.input === '' ? 'required' : 'invalid_type';
  if (issue.code === 'too_small') return issue.origin === 'string' ? (issue.input === '' ? 'required' : 'too_short') : 'too_small';
  if (issue.code === 'too_big') return issue.origin === 'string' ? 'too_long' : 'too_big';
  if (issue.code === 'invalid_format') return 'invalid_format';
  if (issue.code === 'invalid_value') return 'invalid_value';
  return 'invalid';
}
