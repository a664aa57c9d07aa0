import type { TDemandFilter } from '@hamandishi/contracts';
import { normalizeForSearch } from '@hamandishi/text';

/** A WHERE clause over the `demand` table and its parameters, to splice into a purpose-named query. */
export type DemandFilterSql = { where: string; params: unknown[] };

/** Options of `demandFilterSql`. */
export type DemandFilterSqlOptions = {
  organizationId: string;
  /** The municipality's IANA time zone: `from`/`to` are its calendar days. */
  timeZone: string;
  /** The alias of `demand` in the query. */
  alias?: string;
  /** Parameters the query already uses before the filter's own ($1…$n are taken). */
  paramOffset?: number;
};

/** `%`, `_` and `\` in a LIKE pattern taken literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The one translation of a demand filter into SQL, shared by the table, the matrices, the map and
 * the exports so they always agree on which demands a filter means. Always scoped to the
 * organisation and the plan. Free text matches every word of the Persian-normalised query in the
 * normalised text (the trigram index on `text_key` serves `LIKE '%…%'`).
 */
export function demandFilterSql(filter: TDemandFilter, options: DemandFilterSqlOptions): DemandFilterSql {
  const d = options.alias ?? 'd';
  const params: unknown[] = [];
  const offset = options.paramOffset ?? 0;
  const p = (value: unknown): string => {
    params.push(value);
    return `$${offset + params.length}`;
  };
  const clauses = [`${d}.organization_id = ${p(options.organizationId)}`, `${d}.plan_id = ${p(filter.planId)}`];
  if (filter.stageIds) clauses.push(`${d}.stage_id = ANY(${p(filter.stageIds)}::uuid[])`);
  if (filter.sourceKinds) clauses.push(`${d}.source_kind = ANY(${p(filter.sourceKinds)}::text[])`);
  if (filter.themeIds) {
    clauses.push(
      `EXISTS (SELECT 1 FROM demand_theme dt WHERE dt.demand_id = ${d}.id AND dt.theme_id = ANY(${p(filter.themeIds)}::uuid[]))`,
    );
  }
  if (filter.untagged === true) clauses.push(`NOT EXISTS (SELECT 1 FROM demand_theme dt WHERE dt.demand_id = ${d}.id)`);
  if (filter.untagged === false) clauses.push(`EXISTS (SELECT 1 FROM demand_theme dt WHERE dt.demand_id = ${d}.id)`);
  if (filter.kinds) clauses.push(`${d}.kind = ANY(${p(filter.kinds)}::text[])`);
  if (filter.priorities) clauses.push(`${d}.priority = ANY(${p(filter.priorities)}::smallint[])`);
  if (filter.capacities) clauses.push(`${d}.capacity = ANY(${p(filter.capacities)}::text[])`);
  if (filter.districtIds) clauses.push(`${d}.district_id = ANY(${p(filter.districtIds)}::uuid[])`);
  if (filter.groupId) clauses.push(`${d}.group_id = ${p(filter.groupId)}`);
  if (filter.located === true) clauses.push(`${d}.lat IS NOT NULL`);
  if (filter.located === false) clauses.push(`${d}.lat IS NULL`);
  if (filter.from || filter.to) {
    const zone = p(options.timeZone);
    if (filter.from) clauses.push(`${d}.occurred_at >= (${p(filter.from)}::date)::timestamp AT TIME ZONE ${zone}`);
    if (filter.to) clauses.push(`${d}.occurred_at < (${p(filter.to)}::date + 1)::timestamp AT TIME ZONE ${zone}`);
  }
  if (filter.q) {
    for (const word of normalizeForSearch(filter.q).split(/\s+/).filter(Boolean).slice(0, 8)) {
      clauses.push(`${d}.text_key LIKE ${p(`%${likeLiteral(word)}%`)}`);
    }
  }
  return { where: clauses.join(' AND '), params };
}
