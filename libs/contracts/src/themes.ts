import { z } from 'zod';
import { ZLocalizedText, ZUuid } from './common';
import { textToken } from './text';

/** The icons a theme can show; the web draws each as an inline SVG (`tag` is the neutral default). */
export const THEME_ICONS = [
  'tag',
  'transport',
  'traffic',
  'road',
  'bicycle',
  'waste',
  'recycling',
  'park',
  'tree',
  'water',
  'building',
  'landscape',
  'culture',
  'community',
  'finance',
  'smart-city',
  'environment',
  'safety',
  'health',
  'education',
  'lighting',
] as const;
/** One of the theme icons. */
export type ThemeIcon = (typeof THEME_ICONS)[number];
/** A theme icon name. */
export const ZThemeIcon = z.enum(THEME_ICONS);

/** The colour given to a theme when none is chosen. */
export const DEFAULT_THEME_COLOUR = '#607d8b';

/** A colour as six hex digits after `#` (`#2e7d32`), stored in lower case. */
export const ZThemeColour = textToken({ max: 7 })
  .regex(/^#[0-9a-fA-F]{6}$/, 'invalid_format')
  .overwrite((value) => value.toLowerCase());

/** A theme's slug: lower-case latin letters, digits and dashes (unique in the municipality). */
export const ZThemeSlug = textToken({ min: 1, max: 64 }).regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'invalid_format');

/** A theme in the administration tree, with how many items carry it. */
export const ZAdminTheme = z.object({
  id: ZUuid,
  parentId: ZUuid.nullable(),
  slug: z.string(),
  name: ZLocalizedText,
  colour: z.string(),
  icon: ZThemeIcon,
  position: z.number().int(),
  isArchived: z.boolean(),
  archivedAt: z.string().nullable(),
  /** The items tagged with this theme (not its sub-themes): what a merge would move. */
  items: z.object({ problems: z.number().int(), committees: z.number().int(), upstreamDirections: z.number().int() }),
});
/** A theme as the administration screen shows it. */
export type TAdminTheme = z.infer<typeof ZAdminTheme>;

/** GET /api/orgs/:slug/themes: the whole taxonomy, archived themes included, parents before children. */
export const ZThemeTree = z.object({ themes: z.array(ZAdminTheme) });
/** The whole taxonomy. */
export type TThemeTree = z.infer<typeof ZThemeTree>;

/** POST /themes: a new theme, at the end of its parent's list (or the top level). */
export const ZCreateTheme = z.strictObject({
  slug: ZThemeSlug,
  name: ZLocalizedText,
  parentId: ZUuid.nullable().default(null),
  colour: ZThemeColour.optional(),
  icon: ZThemeIcon.optional(),
});
/** A new theme. */
export type TCreateTheme = z.input<typeof ZCreateTheme>;

/** PATCH /themes/:id: rename (fa/ar/en), change the slug, colour or icon. */
export const ZUpdateTheme = z.strictObject({
  slug: ZThemeSlug.optional(),
  name: ZLocalizedText.optional(),
  colour: ZThemeColour.optional(),
  icon: ZThemeIcon.optional(),
});
/** A theme edit. */
export type TUpdateTheme = z.input<typeof ZUpdateTheme>;

/** POST /themes/:id/move: put the theme under `parentId` (null: top level) at `position` (0-based). */
export const ZMoveTheme = z.strictObject({
  parentId: ZUuid.nullable(),
  position: z.number().int().min(0).max(10_000),
});
/** A move of a theme. */
export type TMoveTheme = z.infer<typeof ZMoveTheme>;

/** POST /themes/:id/merge: every item tagged with this theme is re-tagged `targetId`; the theme is then deleted. */
export const ZMergeTheme = z.strictObject({ targetId: ZUuid });
/** A merge request. */
export type TMergeTheme = z.infer<typeof ZMergeTheme>;

/** What a merge moved (or, from the preview, would move). */
export const ZThemeMergeResult = z.object({
  problems: z.number().int(),
  committees: z.number().int(),
  upstreamDirections: z.number().int(),
  subThemes: z.number().int(),
});
/** What a merge moved. */
export type TThemeMergeResult = z.infer<typeof ZThemeMergeResult>;

/** The columns of a theme export, in order; an import expects the same header. */
export const THEME_FILE_COLUMNS = ['slug', 'parent_slug', 'name_fa', 'name_ar', 'name_en', 'colour', 'icon', 'position', 'archived'] as const;
/** A column of a theme file. */
export type ThemeFileColumn = (typeof THEME_FILE_COLUMNS)[number];

/** Query of the import: `dryRun=true` answers the report without saving. */
export const ZThemeImportQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
});

/** One problem found in an imported file: its row (1 is the header), column and reason. */
export const ZThemeImportProblem = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  problem: z.enum([
    'missing_header',
    'unknown_parent',
    'duplicate_slug',
    'bad_slug',
    'bad_colour',
    'bad_icon',
    'bad_position',
    'bad_archived',
    'third_level',
    'cycle',
    'missing_persian_name',
    'name_too_long',
    'invalid_characters',
    'unreadable_file',
    'too_many_rows',
  ]),
});
/** One problem of an imported file. */
export type TThemeImportProblem = z.infer<typeof ZThemeImportProblem>;

/** The import's report: problems (nothing saved when any), or what was (or would be) created and updated. */
export const ZThemeImportReport = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  problems: z.array(ZThemeImportProblem),
});
/** The import's report. */
export type TThemeImportReport = z.infer<typeof ZThemeImportReport>;
