import { Injectable } from '@nestjs/common';
import {
  DEMAND_CAPACITIES,
  DEMAND_IMPORT_COLUMNS,
  DEMAND_KINDS,
  type TDemandImportProblem,
  type TDemandImportReport,
  textBlock,
  type TLocalizedText,
} from '@hamandishi/contracts';
import { fromJalali, isValidJalali, normalizePersian, normalizeForSearch, toAsciiDigits } from '@hamandishi/text';
import type { Actor } from '../../common/http/request-context';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { readThemeFile } from '../themes/theme-file';
import { DemandErrors } from './demands.errors';
import type { NewDemand } from './demands.repository';
import { DemandsService } from './demands.service';

/** The most rows one imported file may hold (a meeting's notes are tens to a few thousand). */
export const MAX_IMPORT_ROWS = 10_000;
/** The largest import file taken. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The text rules of a manual demand, for imported rows. */
const IMPORT_TEXT = textBlock({ min: 1, max: 5000 });

type Named = { id: string; name: TLocalizedText; extra: string[] };

/** A parsed file: the demands it holds and every problem found, by row and column. */
export type ParsedImport = { rows: number; demands: NewDemand[]; problems: TDemandImportProblem[] };

/** Matches a cell to a theme or district by id, slug/number or any of its names (Persian-normalised). */
function lookup(items: Named[]): (cell: string) => string | null {
  const index = new Map<string, string>();
  for (const item of items) {
    for (const key of [item.id, ...item.extra, ...Object.values(item.name).filter((v): v is string => typeof v === 'string')]) {
      index.set(normalizeForSearch(key), item.id);
    }
  }
  return (cell) => index.get(normalizeForSearch(cell)) ?? null;
}

/** A date cell: YYYY-MM-DD (Gregorian), or a Jalali YYYY/MM/DD or YYYY-MM-DD (year below 1700); null when unreadable. */
export function parseImportDate(cell: string): string | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(toAsciiDigits(cell.trim()));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1700) return isValidJalali(y, mo, d) ? fromJalali(y, mo, d).toISOString().slice(0, 10) : null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date.toISOString().slice(0, 10) : null;
}

/**
 * Pure: the demands of an imported file's rows (the header first) and the problems of each row and
 * column: no text, an unknown theme, district, capacity or kind, a bad date or priority.
 */
export function parseImportRows(
  table: string[][],
  refs: { themes: Named[]; districts: Named[]; meeting: string | null },
): ParsedImport {
  const problems: TDemandImportProblem[] = [];
  const header = (table[0] ?? []).map((h) => normalizeForSearch(h ?? ''));
  const col = new Map<string, number>();
  for (const name of DEMAND_IMPORT_COLUMNS) {
    const i = header.indexOf(name);
    if (i >= 0) col.set(name, i);
  }
  if (!col.has('text')) return { rows: Math.max(0, table.length - 1), demands: [], problems: [{ row: 1, column: 'text', problem: 'missing_header' }] };
  if (table.length - 1 > MAX_IMPORT_ROWS) return { rows: table.length - 1, demands: [], problems: [{ row: MAX_IMPORT_ROWS + 2, column: null, problem: 'too_many_rows' }] };
  const theme = lookup(refs.themes);
  const district = lookup(refs.districts);
  const demands: NewDemand[] = [];
  for (let r = 1; r < table.length; r++) {
    const cells = table[r];
    const cell = (name: (typeof DEMAND_IMPORT_COLUMNS)[number]) => {
      const i = col.get(name);
      return i === undefined ? '' : normalizePersian(String(cells[i] ?? '')).trim();
    };
    if (cells.every((c) => String(c ?? '').trim() === '')) continue;
    const row = r + 1;
    const bad = (column: string | null, problem: TDemandImportProblem['problem']) => problems.push({ row, column, problem });
    // The manual entry's text rules (NUL, lone surrogates, bidi controls refused; Persian normalised).
    const checked = IMPORT_TEXT.safeParse(cell('text'));
    const text = checked.success ? checked.data : cell('text');
    if (!text) bad('text', 'no_text');
    else if (text.length > 5000) bad('text', 'text_too_long');
    else if (!checked.success) bad('text', 'invalid_text');
    const meeting = cell('meeting') || refs.meeting;
    if (!meeting) bad('meeting', 'no_meeting');
    let occurredAt: string | null = null;
    if (cell('date')) {
      occurredAt = parseImportDate(cell('date'));
      if (!occurredAt) bad('date', 'bad_date');
    }
    const capacity = cell('capacity') || null;
    if (capacity && !(DEMAND_CAPACITIES as readonly string[]).includes(capacity)) bad('capacity', 'unknown_capacity');
    let districtId: string | null = null;
    if (cell('district')) {
      districtId = district(cell('district'));
      if (!districtId) bad('district', 'unknown_district');
    }
    const themeIds: string[] = [];
    for (const name of cell('themes').split(/[|،;,]/).map((s) => s.trim()).filter(Boolean)) {
      const id = theme(name);
      if (id) themeIds.push(id);
      else bad('themes', 'unknown_theme');
    }
    const kind = cell('kind') || null;
    if (kind && !(DEMAND_KINDS as readonly string[]).includes(kind)) bad('kind', 'unknown_kind');
    let priority: number | null = null;
    if (cell('priority')) {
      priority = Number(toAsciiDigits(cell('priority')));
      if (![1, 2, 3].includes(priority)) bad('priority', 'bad_priority');
    }
    demands.push({
      stageId: null,
      meeting: (meeting ?? '').slice(0, 200),
      text,
      capacity,
      districtId,
      lat: null,
      lng: null,
      occurredAt,
      kind,
      priority,
      themeIds: [...new Set(themeIds)],
    });
  }
  return { rows: demands.length, demands, problems };
}

/** Bulk import of demands gathered on paper (CSV or XLSX): a report per row and column, applied all or nothing. */
@Injectable()
export class DemandImportService {
  constructor(
    private readonly demands: DemandsService,
    private readonly organizations: OrganizationsService,
  ) {}

  async import(org: Organization, actor: Actor, planId: string, file: Buffer, options: { dryRun: boolean; meeting: string | null }): Promise<TDemandImportReport> {
    await this.demands.assertPlan(org, planId);
    let table: string[][];
    try {
      table = await readThemeFile(file, MAX_IMPORT_ROWS);
    } catch {
      return { dryRun: options.dryRun, applied: false, rows: 0, created: 0, problems: [{ row: 1, column: null, problem: 'unreadable' }] };
    }
    const [themes, described] = await Promise.all([this.organizations.themesOf(org.id), this.organizations.describe(org.slug)]);
    const parsed = parseImportRows(table, {
      themes: themes.filter((t) => t.archivedAt === null).map((t) => ({ id: t.id, name: t.name, extra: [t.slug] })),
      districts: described.districts.map((d) => ({ id: d.id, name: d.name, extra: [String(d.number)] })),
      meeting: options.meeting,
    });
    const report = { dryRun: options.dryRun, applied: false, rows: parsed.rows, created: 0, problems: parsed.problems };
    if (parsed.problems.length > 0 || options.dryRun || parsed.demands.length === 0) return report;
    const repository = this.demands.repository;
    const ids = await repository.db.transaction(async (m) => {
      const created = await repository.insertDemands(m, org.id, planId, 'import', actor.accountId, parsed.demands);
      await repository.recordDecisions(m, org.id, actor.accountId, [
        ...created.map((demandId, i) => ({ demandId, action: 'imported', detail: { meeting: parsed.demands[i].meeting } })),
        ...created.flatMap((demandId, i) => parsed.demands[i].themeIds.map((themeId) => ({ demandId, action: 'theme_added', detail: { themeId } }))),
      ]);
      return created;
    });
    await this.demands.afterArrival(org, parsed.demands.some((d) => d.themeIds.length > 0));
    return { ...report, applied: true, created: ids.length };
  }
}

/** An empty file is refused before parsing. */
export function assertImportFile(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0) throw DemandErrors.unsupportedFile();
  return body;
}
