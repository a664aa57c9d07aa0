import { AppError } from '../../common/errors/app-error';
import { MAX_DISTRICT_FEATURES, MAX_DISTRICT_VERTICES, type TDistrictImportReport } from '@hamandishi/contracts';

/**
 * The report's errors as `fields`: `file` for the file as a whole, `features.<index>` for a
 * feature (its first error), so a refused save points at what to fix without a second call.
 */
function reportFields(report: TDistrictImportReport): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of report.issues) {
    if (i.severity !== 'error') continue;
    const key = i.featureIndex === null ? 'file' : `features.${i.featureIndex}`;
    fields[key] ??= i.code;
  }
  return fields;
}

/** The districts module's errors, in one place. */
export const DistrictErrors = {
  invalidGeojson: (report: TDistrictImportReport) =>
    new AppError('districts.invalid_geojson', 400, `The file has ${report.summary.errors} errors`, reportFields(report)),
  invalidBoundary: (report: TDistrictImportReport) =>
    new AppError('districts.invalid_boundary', 400, 'The boundary is not valid', {
      boundary: report.issues.find((i) => i.severity === 'error')?.code ?? 'invalid',
    }),
  fileTooLarge: () => new AppError('districts.file_too_large', 413, 'The GeoJSON file is larger than 10 MiB'),
  tooManyVertices: () =>
    new AppError('districts.too_many_vertices', 400, `The file has more than ${MAX_DISTRICT_VERTICES} vertices`),
  tooManyFeatures: () =>
    new AppError('districts.too_many_features', 400, `The file has more than ${MAX_DISTRICT_FEATURES} features`),
  tooComplex: () => new AppError('districts.too_complex', 422, 'The check of this file took too long'),
  busy: () => new AppError('districts.busy', 503, 'Other imports are being checked; try again in a minute'),
  inUse: (problems: number) =>
    new AppError('districts.in_use', 409, `${problems} problems are in this district`),
  numberTaken: () => new AppError('districts.number_taken', 409, 'Another district has this number', { number: 'invalid_value' }),
  notFound: () => new AppError('organizations.district_not_found', 404, 'District not found'),
};
