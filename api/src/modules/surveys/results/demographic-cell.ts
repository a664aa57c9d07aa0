import { createHash } from 'node:crypto';

/**
 * A respondent's demographic cell (district × gender × age band) as the one integer the answer
 * facts carry in `demographic_cell`: the first 32 bits (signed, big-endian) of the MD5 of
 * `district|gender|age band`; null when any part is missing. Computed once per submission by the
 * API (migration 1765500000000 filled the facts written before with the same value in SQL).
 */
export function demographicCellOf(districtId: string | null, gender: string | null, ageBand: string | null): number | null {
  if (!districtId || !gender || !ageBand) return null;
  return createHash('md5').update(`${districtId}|${gender}|${ageBand}`).digest().readInt32BE(0);
}
