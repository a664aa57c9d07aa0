import { z } from 'zod';
import { ZDemandFilter } from './demands';

// Exports of the filtered demands (data files) and the supporting-document report (PDF, DOCX),
// produced by a background job and downloaded, until they expire, by the planner who asked.

/** The data formats of a demands export. */
export const DEMAND_DATA_FORMATS = ['csv', 'xlsx', 'json', 'geojson'] as const;
/** The formats of the supporting-document report. */
export const DEMAND_REPORT_FORMATS = ['pdf', 'docx'] as const;
/** Every file a demands export can produce. */
export const DEMAND_EXPORT_FORMATS = [...DEMAND_DATA_FORMATS, ...DEMAND_REPORT_FORMATS] as const;
/** A file format of a demands export. */
export type DemandExportFormat = (typeof DEMAND_EXPORT_FORMATS)[number];

/** The states of a demands export job. */
export const DEMAND_EXPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
/** The state of a demands export job. */
export type DemandExportStatus = (typeof DEMAND_EXPORT_STATUSES)[number];

/** How long a finished demands export can be downloaded, in hours. */
export const DEMAND_EXPORT_TTL_HOURS = 24;

/**
 * Asks for an export of the demands a filter selects (the filter in its query-string form, strict).
 * `includePersonal` adds the author's name and contact; only administrators may ask for it.
 */
export const ZCreateDemandExport = z.strictObject({
  format: z.enum(DEMAND_EXPORT_FORMATS),
  includePersonal: z.boolean().default(false),
  filter: ZDemandFilter,
});
/** The body of a new demands export request. */
export type TCreateDemandExport = z.input<typeof ZCreateDemandExport>;

/** Which exports to list: the plan's. */
export const ZDemandExportListQuery = z.strictObject({ planId: z.uuid() });

/** A demands export and its progress (the web polls it until it is done or failed). */
export const ZDemandExport = z.object({
  id: z.string(),
  planId: z.string(),
  format: z.enum(DEMAND_EXPORT_FORMATS),
  includePersonal: z.boolean(),
  status: z.enum(DEMAND_EXPORT_STATUSES),
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
/** A demands export and its progress. */
export type TDemandExport = z.infer<typeof ZDemandExport>;

/** The requesting planner's recent demands exports of a plan, newest first; whether personal data may be asked for. */
export const ZDemandExportList = z.object({ items: z.array(ZDemandExport), canIncludePersonal: z.boolean() });
/** The requesting planner's recent demands exports. */
export type TDemandExportList = z.infer<typeof ZDemandExportList>;
