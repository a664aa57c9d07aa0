import type { TBoundary, TDistrictImportReport } from '@hamandishi/contracts';
import { checkDistrictFile, checkDrawnBoundary, GeoLimitError, type CheckOptions, type GeoBox } from './district-check';

/** A check to run: a whole GeoJSON file, or one boundary drawn in the browser against the others. */
export type DistrictCheckTask =
  | { kind: 'file'; bytes: Uint8Array; options: CheckOptions }
  | { kind: 'drawn'; boundary: TBoundary; others: { name: string; boundary: TBoundary }[]; box: GeoBox };

/** What the worker sends back (errors do not cross threads intact). */
export type DistrictCheckResult =
  { ok: true; report: TDistrictImportReport } | { ok: false; code: 'too_many_vertices' | 'too_many_features' };

/**
 * Runs in a worker thread (see DistrictChecker): parsing a file of up to 10 MiB and clipping
 * polygons against each other takes seconds of one core, never on the thread that answers requests.
 */
export default function checkDistricts(task: DistrictCheckTask): DistrictCheckResult {
  try {
    if (task.kind === 'drawn') return { ok: true, report: checkDrawnBoundary(task.boundary, task.others, task.box) };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(task.bytes);
    } catch {
      text = ''; // not UTF-8: reported as not JSON
    }
    return { ok: true, report: checkDistrictFile(text, task.options) };
  } catch (error) {
    if (error instanceof GeoLimitError) return { ok: false, code: error.code };
    throw error;
  }
}
