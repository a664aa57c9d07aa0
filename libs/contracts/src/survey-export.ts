import { z } from 'zod';

// Exports of a survey's responses, produced by a background job and downloaded by the planner
// who asked for them until they expire.

/** The file formats of a survey export. */
export const SURVEY_EXPORT_FORMATS = ['csv', 'xlsx', 'geojson'] as const;
/** A file format of a survey export. */
export type SurveyExportFormat = (typeof SURVEY_EXPORT_FORMATS)[number];

/** The states of an export job. */
export const SURVEY_EXPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
/** The state of an export job. */
export type SurveyExportStatus = (typeof SURVEY_EXPORT_STATUSES)[number];

/** How long a finished export can be downloaded, in hours. */
export const SURVEY_EXPORT_TTL_HOURS = 24;

/** Excel's rows per sheet (the header included): more responses go on further sheets. */
export const XLSX_MAX_SHEET_ROWS = 1_048_576;

/** Asks for an export of the survey's submitted responses. */
export const ZCreateSurveyExport = z.strictObject({ format: z.enum(SURVEY_EXPORT_FORMATS) });
/** The body of a new export request. */
export type TCreateSurveyExport = z.input<typeof ZCreateSurveyExport>;

/** An export and its progress (the web polls it until it is done or failed). */
export const ZSurveyExport = z.object({
  id: z.string(),
  format: z.enum(SURVEY_EXPORT_FORMATS),
  status: z.enum(SURVEY_EXPORT_STATUSES),
  rowsDone: z.number().int(),
  rowsTotal: z.number().int().nullable(),
  /** A stable error code when the export failed (translated as `errors.<code>`). */
  errorCode: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Until when the file can be downloaded; null until done. */
  expiresAt: z.string().nullable(),
  /** Whether the file can be downloaded now (done and not expired). */
  isDownloadable: z.boolean(),
});
/** An export and its progress. */
export type TSurveyExport = z.infer<typeof ZSurveyExport>;

/** The requesting planner's recent exports of a survey, newest first. */
export const ZSurveyExportList = z.object({ items: z.array(ZSurveyExport) });
/** The requesting planner's recent exports of a survey. */
export type TSurveyExportList = z.infer<typeof ZSurveyExportList>;
