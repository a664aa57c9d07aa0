import {
  STAKEHOLDER_FILE_COLUMNS,
  STAKEHOLDER_FORMS,
  STAKEHOLDER_KINDS,
  STAKEHOLDER_RELATIONS,
  type StakeholderFileColumn,
  type StakeholderForm,
  type StakeholderKind,
  type StakeholderRelation,
  type TStakeholderImportProblem,
  ZCreateStakeholder,
  ZCreateStakeholderContact,
} from '@hamandishi/contracts';
import { normalizeForSearch, toAsciiDigits } from '@hamandishi/text';
import { restoreNeutralised } from '../themes/theme-file';

/** What the import needs to know of the municipality. */
export type ImportContext = {
  stored: { id: string; nameKey: string; kind: StakeholderKind; form: StakeholderForm }[];
  themeIdBySlug: Map<string, string>;
  districtIdByNumber: Map<number, string>;
  hasPlan: boolean;
};

/** One row as it will be saved: `id` null for a new stakeholder. */
export type PlannedStakeholder = {
  row: number;
  id: string | null;
  name: string;
  nameKey: string;
  form: StakeholderForm;
  kind: StakeholderKind;
  /** undefined: the file has no description column (a registered stakeholder keeps its own). */
  description: string | null | undefined;
  themeIds: string[] | null;
  districtIds: string[] | null;
  assessment: { relation: StakeholderRelation; influence: number; interest: number; isMandatory: boolean } | null;
  contact: { name: string; role: string | null; phone: string | null; email: string | null } | null;
};

/** The plan of an import: problems (then nothing is saved), or the rows to save. */
export type StakeholderImportPlan = { problems: TStakeholderImportProblem[]; rows: PlannedStakeholder[]; count: number };

const TRUE = new Set(['true', '1', 'yes', 'بله', 'مکلف', 'الزامی']);
const FALSE = new Set(['false', '0', 'no', 'خیر', 'اختیاری', '']);
const LIST_SEPARATORS = /[;,،؛\s]+/u;
const ASSESSMENT: StakeholderFileColumn[] = ['relation', 'influence', 'interest', 'mandatory'];

/**
 * Checks an uploaded file's rows (header first) and plans what to save. A row with an `id` updates
 * that stakeholder; a row without one registers a new stakeholder, refused when its kind and
 * normalised name are already registered (`duplicate_existing`) or earlier in the file
 * (`duplicate_in_file`). Columns a file leaves out keep what is stored; the assessment columns
 * need a plan, and all four together.
 */
export function planStakeholderImport(ctx: ImportContext, table: string[][], maxRows: number): StakeholderImportPlan {
  const header = (table[0] ?? []).map((cell) => cell.replace(/^\uFEFF/, '').trim().toLowerCase());
  const columnIndex = new Map<string, number>();
  header.forEach((name, i) => {
    if (!columnIndex.has(name)) columnIndex.set(name, i);
  });
  const missing = (['name', 'kind'] as const).filter((c) => !columnIndex.has(c));
  if (missing.length) return { problems: missing.map((column) => ({ row: 1, column, problem: 'missing_header' })), rows: [], count: 0 };
  const body = table
    .slice(1)
    .map((cells, i) => ({ cells, row: i + 2 }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''));
  if (body.length > maxRows) return { problems: [{ row: maxRows + 2, column: null, problem: 'too_many_rows' }], rows: [], count: body.length };

  const has = (column: StakeholderFileColumn) => columnIndex.has(column);
  const read = (cells: string[], column: StakeholderFileColumn) => {
    const i = columnIndex.get(column);
    return i === undefined ? '' : restoreNeutralised(cells[i] ?? '').trim();
  };
  const byId = new Map(ctx.stored.map((s) => [s.id, s]));
  const storedKeys = new Map(ctx.stored.map((s) => [`${s.kind}\u0000${s.nameKey}`, s.id]));
  const seen = new Map<string, number>();
  const problems: TStakeholderImportProblem[] = [];
  const rows: PlannedStakeholder[] = [];

  for (const { cells, row } of body) {
    const before = problems.length;
    const problem = (column: StakeholderFileColumn | null, kind: TStakeholderImportProblem['problem']) => problems.push({ row, column, problem: kind });

    const idText = has('id') ? read(cells, 'id') : '';
    const existing = idText ? byId.get(idText.toLowerCase()) : undefined;
    if (idText && !existing) problem('id', 'unknown_id');

    const rawName = read(cells, 'name');
    const kindText = read(cells, 'kind').toLowerCase();
    const formText = read(cells, 'form').toLowerCase();
    const kind = (STAKEHOLDER_KINDS as readonly string[]).includes(kindText) ? (kindText as StakeholderKind) : null;
    const form = formText === '' ? (existing?.form ?? 'organization') : (STAKEHOLDER_FORMS as readonly string[]).includes(formText) ? (formText as StakeholderForm) : null;
    const description = read(cells, 'description');
    const parsed = ZCreateStakeholder.safeParse({ name: rawName, form: form ?? 'organization', kind: kind ?? 'ngo', description: description || null });
    if (!rawName) problem('name', 'missing_name');
    else if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const column = String(issue.path[0] ?? 'name') as StakeholderFileColumn;
      problem(column, issue.code === 'too_big' ? 'name_too_long' : issue.code === 'too_small' ? 'missing_name' : 'invalid_characters');
    }
    if (!kind) problem('kind', 'bad_kind');
    if (!form) problem('form', 'bad_form');

    let themeIds: string[] | null = null;
    if (has('themes')) {
      themeIds = [];
      for (const slug of split(read(cells, 'themes'))) {
        const id = ctx.themeIdBySlug.get(slug.toLowerCase());
        if (!id) {
          problem('themes', 'unknown_theme');
          break;
        }
        themeIds.push(id);
      }
    }
    let districtIds: string[] | null = null;
    if (has('districts')) {
      districtIds = [];
      for (const text of split(toAsciiDigits(read(cells, 'districts')))) {
        const id = /^\d{1,4}$/.test(text) ? ctx.districtIdByNumber.get(Number(text)) : undefined;
        if (!id) {
          problem('districts', 'unknown_district');
          break;
        }
        districtIds.push(id);
      }
    }

    // The assessment: all four cells or none; a file with these columns needs a plan.
    const given = ASSESSMENT.filter((c) => has(c) && read(cells, c) !== '');
    let assessment: PlannedStakeholder['assessment'] = null;
    if (given.length && !ctx.hasPlan) problem(given[0], 'assessment_without_plan');
    else if (given.length) {
      const relationText = read(cells, 'relation').toLowerCase();
      const relation = (STAKEHOLDER_RELATIONS as readonly string[]).includes(relationText) ? (relationText as StakeholderRelation) : null;
      const influence = score(read(cells, 'influence'));
      const interest = score(read(cells, 'interest'));
      const mandatoryText = read(cells, 'mandatory').toLowerCase();
      if (!relationText || read(cells, 'influence') === '' || read(cells, 'interest') === '') {
        problem(ASSESSMENT.find((c) => c !== 'mandatory' && read(cells, c) === '') ?? 'relation', 'assessment_incomplete');
      } else {
        if (!relation) problem('relation', 'bad_relation');
        if (influence === null) problem('influence', 'bad_score');
        if (interest === null) problem('interest', 'bad_score');
      }
      if (!TRUE.has(mandatoryText) && !FALSE.has(mandatoryText)) problem('mandatory', 'bad_mandatory');
      if (relation && influence !== null && interest !== null) assessment = { relation, influence, interest, isMandatory: TRUE.has(mandatoryText) };
    }

    // A contact for a new stakeholder (a registered one keeps its contacts: they are edited on its page).
    let contact: PlannedStakeholder['contact'] = null;
    const contactName = read(cells, 'contact_name');
    const contactEmail = read(cells, 'contact_email');
    if (contactName || contactEmail || read(cells, 'contact_phone')) {
      const c = ZCreateStakeholderContact.safeParse({
        name: contactName || rawName,
        role: read(cells, 'contact_role') || null,
        phone: toAsciiDigits(read(cells, 'contact_phone')) || null,
        email: contactEmail ? contactEmail.toLowerCase() : null,
      });
      if (!c.success) problem(c.error.issues.some((i) => i.path[0] === 'email') ? 'contact_email' : 'contact_name', c.error.issues.some((i) => i.path[0] === 'email') ? 'bad_email' : 'invalid_characters');
      else contact = { name: c.data.name, role: c.data.role ?? null, phone: c.data.phone ?? null, email: c.data.email ?? null };
    }

    if (problems.length > before || !parsed.success || !kind || !form) continue;
    const name = parsed.data.name;
    const nameKey = normalizeForSearch(name);
    const key = `${kind}\u0000${nameKey}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problem('name', 'duplicate_in_file');
      continue;
    }
    seen.set(key, row);
    const holder = storedKeys.get(key);
    if (holder && holder !== existing?.id) {
      problem('name', 'duplicate_existing');
      continue;
    }
    rows.push({
      row,
      id: existing?.id ?? null,
      name,
      nameKey,
      form,
      kind,
      description: has('description') ? (parsed.data.description ?? null) : undefined,
      themeIds,
      districtIds,
      assessment,
      contact: existing ? null : contact,
    });
  }
  if (problems.length) return { problems: sortProblems(problems), rows: [], count: body.length };
  return { problems: [], rows, count: body.length };
}

function split(text: string): string[] {
  return text.split(LIST_SEPARATORS).filter(Boolean);
}

function score(text: string): number | null {
  const value = Number(toAsciiDigits(text));
  return Number.isInteger(value) && value >= 1 && value <= 5 ? value : null;
}

function sortProblems(problems: TStakeholderImportProblem[]): TStakeholderImportProblem[] {
  const order = (column: string | null) => (column === null ? -1 : (STAKEHOLDER_FILE_COLUMNS as readonly string[]).indexOf(column));
  return problems.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
}
