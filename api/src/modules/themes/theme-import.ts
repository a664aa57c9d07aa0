import {
  DEFAULT_THEME_COLOUR,
  THEME_FILE_COLUMNS,
  THEME_ICONS,
  type ThemeFileColumn,
  type ThemeIcon,
  type TLocalizedText,
  type TThemeImportProblem,
  ZLocalizedText,
  ZThemeColour,
  ZThemeSlug,
} from '@hamandishi/contracts';
import { toAsciiDigits } from '@hamandishi/text';
import { restoreNeutralised } from './theme-file';

/** A theme as stored, as far as an import concerns it. */
export type StoredTheme = {
  id: string;
  parentId: string | null;
  slug: string;
  name: TLocalizedText;
  colour: string;
  icon: ThemeIcon;
  position: number;
  archivedAt: Date | null;
};

/** A theme as it will be after the import: `id` null for a new one, parent named by slug. */
export type PlannedTheme = {
  id: string | null;
  slug: string;
  parentSlug: string | null;
  name: TLocalizedText;
  colour: string;
  icon: ThemeIcon;
  position: number;
  isArchived: boolean;
  /** The file's row (1 is the header), or null for a theme the file does not name. */
  row: number | null;
};

/** The import's plan: problems (nothing may be saved when any), or the themes as they will be. */
export type ImportPlan = { problems: TThemeImportProblem[]; themes: PlannedTheme[]; rows: number };

const REQUIRED: ThemeFileColumn[] = ['slug', 'name_fa'];
const TRUE = new Set(['true', '1', 'yes', 'بله']);
const FALSE = new Set(['false', '0', 'no', 'خیر', '']);

/**
 * Checks an uploaded file's rows (header first) against the stored taxonomy and plans the result:
 * themes are matched by slug (upserted); themes the file does not name keep their place. Siblings
 * are numbered again 0, 1, 2... by the file's positions, so an exported file imports as no change.
 */
export function planImport(stored: StoredTheme[], table: string[][], maxRows: number): ImportPlan {
  const problems: TThemeImportProblem[] = [];
  const header = (table[0] ?? []).map((cell) => cell.trim().toLowerCase());
  const columnIndex = new Map<string, number>();
  header.forEach((name, i) => {
    if (!columnIndex.has(name)) columnIndex.set(name, i);
  });
  for (const column of REQUIRED) {
    if (!columnIndex.has(column)) problems.push({ row: 1, column, problem: 'missing_header' });
  }
  if (problems.length) return { problems, themes: [], rows: 0 };
  const body = table.slice(1).map((cells, i) => ({ cells, row: i + 2 })).filter(({ cells }) => cells.some((c) => c.trim() !== ''));
  if (body.length > maxRows) return { problems: [{ row: maxRows + 2, column: null, problem: 'too_many_rows' }], themes: [], rows: body.length };

  const read = (cells: string[], column: ThemeFileColumn) => {
    const i = columnIndex.get(column);
    return i === undefined ? '' : restoreNeutralised(cells[i] ?? '').trim();
  };
  const has = (column: ThemeFileColumn) => columnIndex.has(column);
  const bySlug = new Map(stored.map((t) => [t.slug, t]));
  const byId = new Map(stored.map((t) => [t.id, t]));
  const planned = new Map<string, PlannedTheme & { order: number }>();

  // Themes the file does not name stay as they are.
  for (const t of stored) {
    planned.set(t.slug, {
      id: t.id,
      slug: t.slug,
      parentSlug: t.parentId ? (byId.get(t.parentId)?.slug ?? null) : null,
      name: t.name,
      colour: t.colour,
      icon: t.icon,
      position: t.position,
      isArchived: t.archivedAt !== null,
      row: null,
      order: t.position,
    });
  }

  const seen = new Set<string>();
  const fileRows: PlannedTheme[] = [];
  for (const { cells, row } of body) {
    const problem = (column: ThemeFileColumn | null, kind: TThemeImportProblem['problem']) => problems.push({ row, column, problem: kind });
    const slug = read(cells, 'slug');
    if (!ZThemeSlug.safeParse(slug).success) {
      problem('slug', 'bad_slug');
      continue;
    }
    if (seen.has(slug)) {
      problem('slug', 'duplicate_slug');
      continue;
    }
    seen.add(slug);
    const existing = bySlug.get(slug);

    const name = localizedName(read(cells, 'name_fa'), has('name_ar') ? read(cells, 'name_ar') : existing?.name.ar, has('name_en') ? read(cells, 'name_en') : existing?.name.en);
    if ('problem' in name) problem(name.column, name.problem);

    const colourText = read(cells, 'colour');
    const colour = colourText ? ZThemeColour.safeParse(colourText) : null;
    if (colour && !colour.success) problem('colour', 'bad_colour');

    const iconText = read(cells, 'icon');
    if (iconText && !(THEME_ICONS as readonly string[]).includes(iconText)) problem('icon', 'bad_icon');

    const positionText = toAsciiDigits(read(cells, 'position'));
    const position = positionText === '' ? null : Number(positionText);
    if (position !== null && (!Number.isInteger(position) || position < 0 || position > 100_000)) problem('position', 'bad_position');

    const archivedText = read(cells, 'archived').toLowerCase();
    if (!TRUE.has(archivedText) && !FALSE.has(archivedText)) problem('archived', 'bad_archived');

    const parentSlug = read(cells, 'parent_slug') || null;
    if (parentSlug === slug) problem('parent_slug', 'cycle');

    const theme: PlannedTheme = {
      id: existing?.id ?? null,
      slug,
      parentSlug: has('parent_slug') ? parentSlug : (planned.get(slug)?.parentSlug ?? null),
      name: 'problem' in name ? (existing?.name ?? { fa: slug }) : name.value,
      colour: colour?.success ? colour.data : (existing?.colour ?? DEFAULT_THEME_COLOUR),
      icon: iconText && (THEME_ICONS as readonly string[]).includes(iconText) ? (iconText as ThemeIcon) : (existing?.icon ?? 'tag'),
      position: position !== null && Number.isInteger(position) ? position : Number.MAX_SAFE_INTEGER,
      isArchived: has('archived') ? TRUE.has(archivedText) : existing?.archivedAt != null,
      row,
    };
    fileRows.push(theme);
    planned.set(slug, { ...theme, order: theme.position });
  }

  // Parents: known, at the top level, and a sub-theme has no sub-themes of its own.
  const childrenOf = new Map<string, PlannedTheme[]>();
  for (const t of planned.values()) {
    if (t.parentSlug) childrenOf.set(t.parentSlug, [...(childrenOf.get(t.parentSlug) ?? []), t]);
  }
  for (const t of fileRows) {
    if (!t.parentSlug || t.parentSlug === t.slug) continue;
    const parent = planned.get(t.parentSlug);
    if (!parent) problems.push({ row: t.row!, column: 'parent_slug', problem: 'unknown_parent' });
    else if (parent.parentSlug !== null) problems.push({ row: t.row!, column: 'parent_slug', problem: 'third_level' });
    // Its own sub-themes (in the file or left where they are) would be a third level.
    else if (childrenOf.has(t.slug)) problems.push({ row: t.row!, column: 'parent_slug', problem: 'third_level' });
  }
  if (problems.length) return { problems: sortProblems(problems), themes: [], rows: body.length };

  // Siblings in the file's order of positions (ties: file order, then stored order), numbered again.
  const groups = new Map<string, (PlannedTheme & { order: number })[]>();
  for (const t of planned.values()) {
    const key = t.parentSlug ?? '';
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const themes: PlannedTheme[] = [];
  for (const siblings of groups.values()) {
    siblings
      .sort((a, b) => a.order - b.order || (a.row ?? Infinity) - (b.row ?? Infinity) || a.slug.localeCompare(b.slug))
      .forEach((t, i) => {
        const { order: _order, ...theme } = t;
        themes.push({ ...theme, position: i });
      });
  }
  return { problems: [], themes, rows: body.length };
}

function localizedName(
  fa: string,
  ar: string | undefined,
  en: string | undefined,
): { value: TLocalizedText } | { problem: TThemeImportProblem['problem']; column: ThemeFileColumn } {
  if (!fa) return { problem: 'missing_persian_name', column: 'name_fa' };
  const input: Record<string, string> = { fa };
  if (ar) input.ar = ar;
  if (en) input.en = en;
  const parsed = ZLocalizedText.safeParse(input);
  if (parsed.success) return { value: parsed.data };
  const issue = parsed.error.issues[0];
  const column = `name_${String(issue.path[0] ?? 'fa')}` as ThemeFileColumn;
  if (issue.code === 'too_big') return { problem: 'name_too_long', column };
  if (issue.code === 'too_small') return { problem: 'missing_persian_name', column };
  return { problem: 'invalid_characters', column };
}

function sortProblems(problems: TThemeImportProblem[]): TThemeImportProblem[] {
  const order = (column: string | null) => (column === null ? -1 : (THEME_FILE_COLUMNS as readonly string[]).indexOf(column));
  return problems.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
}
