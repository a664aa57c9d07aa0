import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Locale, TDemandFilter } from '@hamandishi/contracts';
import { demandFilterSql } from '../demand-filter';

/** A count of demands under a label (a theme, a capacity, a district…). */
export type LabelledCount = { key: string | null; label: string | null; count: number };

/** Everything the supporting-document report shows, aggregated by PostgreSQL. */
export type ReportFigures = {
  organizationName: string;
  planTitle: string;
  total: number;
  located: number;
  weight: number;
  /** Distinct accounts and registered stakeholders heard. */
  participants: number;
  stakeholders: number;
  meetings: number;
  districtsHeard: number;
  districtsTotal: number;
  first: Date | null;
  last: Date | null;
  tagged: number;
  taggedByPlanner: number;
  taggedBySuggestion: number;
  classifierMacroF1: number | null;
  bySource: LabelledCount[];
  byKind: LabelledCount[];
  byCapacity: LabelledCount[];
  byTheme: LabelledCount[];
  byDistrict: (LabelledCount & { population: number | null })[];
  topGroups: { id: string; name: string | null; count: number; quotes: string[] }[];
};

type Queryable = Pick<EntityManager, 'query'>;

/** How many groups the report shows, and quotes per group. */
const TOP_GROUPS = 5;
const QUOTES_PER_GROUP = 2;

/**
 * The report's figures in one snapshot: every count is a GROUP BY in PostgreSQL (one pass of the
 * filtered demands for source, kind, capacity and district together), so a million demands cost a
 * few scans, never a million rows in Node.
 */
@Injectable()
export class DemandReportRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  async figures(organizationId: string, timeZone: string, locale: Locale, filter: TDemandFilter): Promise<ReportFigures> {
    return this.db.transaction('REPEATABLE READ', (m) => this.figuresIn(m, organizationId, timeZone, locale, filter));
  }

  private async figuresIn(
    m: Queryable,
    organizationId: string,
    timeZone: string,
    locale: Locale,
    filter: TDemandFilter,
  ): Promise<ReportFigures> {
    // The filter's parameters come first; the locale (and ids) after them.
    const f = demandFilterSql(filter, { organizationId, timeZone });
    const n = f.params.length;
    const L = `$${n + 1}`;
    const named = (alias: string, column = 'name') => `coalesce(${alias}.${column} ->> ${L}, ${alias}.${column} ->> 'fa')`;

    const [heading] = await m.query(
      `SELECT coalesce(o.name ->> $3, o.name ->> 'fa') AS "organizationName", coalesce(p.title ->> $3, p.title ->> 'fa') AS "planTitle"
         FROM plan p JOIN organization o ON o.id = p.organization_id WHERE p.organization_id = $1 AND p.id = $2`,
      [organizationId, filter.planId, locale],
    );

    const [totals] = await m.query(
      `SELECT count(*)::int AS total, count(d.lat)::int AS located, coalesce(sum(d.weight), 0)::bigint AS weight,
              count(DISTINCT d.author_id)::int AS participants, count(DISTINCT d.stakeholder_id)::int AS stakeholders,
              count(DISTINCT d.meeting)::int AS meetings, count(DISTINCT d.district_id)::int AS "districtsHeard",
              min(d.occurred_at) AS "first", max(d.occurred_at) AS "last"
         FROM demand d WHERE ${f.where}`,
      f.params,
    );

    const dims: { g: number; sourceKind: string | null; kind: string | null; capacity: string | null; districtId: string | null; count: number }[] =
      await m.query(
        `SELECT GROUPING(d.source_kind, d.kind, d.capacity, d.district_id)::int AS g, d.source_kind AS "sourceKind", d.kind,
                d.capacity, d.district_id AS "districtId", count(*)::int AS count
           FROM demand d WHERE ${f.where}
          GROUP BY GROUPING SETS ((d.source_kind), (d.kind), (d.capacity), (d.district_id))`,
        f.params,
      );
    // GROUPING's bits, first argument highest: 0b0111 = grouped by source kind only, and so on.
    const dim = (bits: number, key: 'sourceKind' | 'kind' | 'capacity' | 'districtId'): LabelledCount[] =>
      dims
        .filter((r) => r.g === bits)
        .map((r) => ({ key: r[key], label: null, count: r.count }))
        .sort((a, b) => b.count - a.count);

    const districts: { id: string; label: string; population: number | null }[] = await m.query(
      `SELECT di.id, coalesce(di.name ->> $2, di.name ->> 'fa') AS label, dp.total AS population
         FROM district di LEFT JOIN district_population dp ON dp.district_id = di.id AND dp.organization_id = di.organization_id
        WHERE di.organization_id = $1 ORDER BY di.number, di.id`,
      [organizationId, locale],
    );
    const byDistrict = dim(0b1110, 'districtId').map((c) => {
      const d = districts.find((x) => x.id === c.key);
      return { ...c, label: d?.label ?? null, population: d?.population ?? null };
    });

    const byTheme: LabelledCount[] = await m.query(
      `SELECT t.id AS key, ${named('t')} AS label, x.count
         FROM (SELECT dt.theme_id, count(*)::int AS count FROM demand_theme dt JOIN demand d ON d.id = dt.demand_id
                WHERE ${f.where} GROUP BY dt.theme_id) x
         JOIN theme t ON t.id = x.theme_id AND t.organization_id = $1
        ORDER BY x.count DESC, t.position, t.id`,
      [...f.params, locale],
    );
    const [tagging] = await m.query(
      `SELECT count(*)::int AS tagged, count(*) FILTER (WHERE planner)::int AS "byPlanner", count(*) FILTER (WHERE suggestion)::int AS "bySuggestion"
         FROM (SELECT bool_or(dt.origin = 'planner') AS planner, bool_or(dt.origin = 'suggestion') AS suggestion
                 FROM demand_theme dt JOIN demand d ON d.id = dt.demand_id WHERE ${f.where} GROUP BY dt.demand_id) x`,
      f.params,
    );
    const [model] = await m.query(
      `SELECT macro_f1 AS "macroF1" FROM demand_classifier_model WHERE organization_id = $1 AND status = 'ready'
        ORDER BY created_at DESC LIMIT 1`,
      [organizationId],
    );

    const groups: { id: string; name: string | null; count: number }[] = await m.query(
      `SELECT g.id, g.name, x.count FROM (
          SELECT d.group_id, count(*)::int AS count, sum(d.weight) AS weight FROM demand d
           WHERE ${f.where} AND d.group_id IS NOT NULL GROUP BY d.group_id
           ORDER BY count(*) DESC, sum(d.weight) DESC, d.group_id LIMIT ${TOP_GROUPS}) x
         JOIN demand_group g ON g.id = x.group_id AND g.organization_id = $1
        ORDER BY x.count DESC, x.weight DESC, g.id`,
      f.params,
    );
    // Representative quotes: the most supported demands of each group (then the earliest).
    const quotes: { groupId: string; text: string }[] = groups.length
      ? await m.query(
          `SELECT q."groupId", q.text FROM (
              SELECT d.group_id AS "groupId", d.text,
                     row_number() OVER (PARTITION BY d.group_id ORDER BY d.weight DESC, d.occurred_at, d.id) AS rn
                FROM demand d WHERE ${f.where} AND d.group_id = ANY($${n + 1}::uuid[])) q
            WHERE q.rn <= ${QUOTES_PER_GROUP} ORDER BY q."groupId", q.rn`,
          [...f.params, groups.map((g) => g.id)],
        )
      : [];

    return {
      organizationName: heading?.organizationName ?? '',
      planTitle: heading?.planTitle ?? '',
      total: totals.total,
      located: totals.located,
      weight: Number(totals.weight),
      participants: totals.participants,
      stakeholders: totals.stakeholders,
      meetings: totals.meetings,
      districtsHeard: totals.districtsHeard,
      districtsTotal: districts.length,
      first: totals.first,
      last: totals.last,
      tagged: tagging.tagged,
      taggedByPlanner: tagging.byPlanner,
      taggedBySuggestion: tagging.bySuggestion,
      classifierMacroF1: model?.macroF1 ?? null,
      bySource: dim(0b0111, 'sourceKind'),
      byKind: dim(0b1011, 'kind'),
      byCapacity: dim(0b1101, 'capacity'),
      byTheme,
      byDistrict,
      topGroups: groups.map((g) => ({ ...g, quotes: quotes.filter((q) => q.groupId === g.id).map((q) => q.text) })),
    };
  }
}
