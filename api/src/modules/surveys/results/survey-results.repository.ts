import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SurveyCrosstabGrouping, TSurveyResultsFilters } from '@hamandishi/contracts';
import type { FactColumns, Queryable } from '../surveys.repository';
import { demographicCellOf } from './demographic-cell';
import type { AnswerFact } from './facts';

/**
 * The weight of each district × gender × age band cell (cells not listed weigh 1), with each cell's
 * number as the fact table's `demographic_cell` holds it (demographicCellOf); `cells` is null when two cells of the
 * survey share a number (the queries then match the three columns).
 */
export type CellWeights = { districtIds: string[]; genders: string[]; ageBands: string[]; weights: number[]; cells: number[] | null };

/** The demographics a response's facts carry (null without consent). */
export type FactDemographics = { capacity: string | null; districtId: string | null; ageBand: string | null; gender: string | null };

const GROUP_COLUMN: Record<SurveyCrosstabGrouping, string> = {
  capacity: 'f.capacity',
  district: 'f.district_id::text',
  age_band: 'f.age_band',
  gender: 'f.gender',
};

/**
 * The WHERE and weight of a fact query: `$1` is the survey, `$2` the question; the filters and
 * the weights follow. The survey id was resolved within the organisation, so the fact queries
 * need no organization_id (which would take them off the covering index).
 */
function scope(filters: TSurveyResultsFilters, weights: CellWeights | null, alias = 'f') {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (column: string, value: unknown) => {
    params.push(value);
    where.push(`${alias}.${column} = $${params.length + 2}`);
  };
  if (filters.district) add('district_id', filters.district);
  if (filters.capacity) add('capacity', filters.capacity);
  if (filters.ageBand) add('age_band', filters.ageBand);
  if (filters.gender) add('gender', filters.gender);
  let join = '';
  let w = '1::float8';
  if (weights) {
    join = weightJoin(weights, alias, params);
    w = 'coalesce(wt.w, 1)';
  }
  return { join, where: where.map((c) => ` AND ${c}`).join(''), params, w };
}

/**
 * `LEFT JOIN` of the weights (as `wt`, weight `wt.w`) to rows of `alias` that have the fact
 * table's demographic columns: by `demographic_cell`, or by the three columns when two cells
 * share a number. Its parameters are appended to `params`, which follow `$1` and `$2`.
 */
function weightJoin(weights: CellWeights, alias: string, params: unknown[]): string {
  const at = params.length + 3;
  if (weights.cells) {
    params.push(weights.cells, weights.weights);
    return `LEFT JOIN unnest($${at}::int[], $${at + 1}::float8[]) AS wt(c, w) ON wt.c = ${alias}.demographic_cell`;
  }
  params.push(weights.districtIds, weights.genders, weights.ageBands, weights.weights);
  return `LEFT JOIN unnest($${at}::uuid[], $${at + 1}::text[], $${at + 2}::text[], $${at + 3}::float8[]) AS wt(d, g, a, w)
            ON wt.d = ${alias}.district_id AND wt.g = ${alias}.gender AND wt.a = ${alias}.age_band`;
}

/** Fact rows as the parallel arrays an `unnest` insert takes. */
export function factColumns(facts: AnswerFact[]): FactColumns {
  return [
    facts.map((f) => f.questionId),
    facts.map((f) => f.first),
    facts.map((f) => f.item),
    facts.map((f) => f.sub),
    facts.map((f) => f.value),
    facts.map((f) => f.value2),
    facts.map((f) => f.cell),
    facts.map((f) => f.text),
    facts.map((f) => f.textKey),
  ];
}

/** Purpose-named queries of the survey results: the fact table and the responses' demographics. */
@Injectable()
export class SurveyResultsRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /** Replaces a response's facts (on edit; a first submission has none, `replace = false`), in the caller's transaction. */
  async replaceFacts(
    q: Queryable,
    ids: { organizationId: string; surveyId: string; responseId: string },
    facts: AnswerFact[],
    d: FactDemographics,
    replace = true,
  ): Promise<void> {
    if (replace) await q.query(`DELETE FROM survey_answer_fact WHERE response_id = $1`, [ids.responseId]);
    if (facts.length === 0) return;
    await q.query(
      `INSERT INTO survey_answer_fact (organization_id, survey_id, response_id, question_id, first, item, sub, value, value2, cell, text, text_key,
         capacity, district_id, age_band, gender, demographic_cell)
       SELECT $1, $2, $3, u.q, u.f, u.i, u.s, u.v, u.v2, u.c, u.t, u.k, $13, $14, $15, $16, $17
         FROM unnest($4::text[], $5::bool[], $6::text[], $7::text[], $8::float8[], $9::float8[], $10::int[], $11::text[], $12::text[])
           AS u(q, f, i, s, v, v2, c, t, k)`,
      [
        ids.organizationId,
        ids.surveyId,
        ids.responseId,
        ...factColumns(facts),
        d.capacity,
        d.districtId,
        d.ageBand,
        d.gender,
        demographicCellOf(d.districtId, d.gender, d.ageBand),
      ],
    );
  }

  /** Submitted responses matching the filters. */
  async countRespondents(surveyId: string, filters: TSurveyResultsFilters): Promise<number> {
    const s = scope(filters, null, 'r');
    const [row] = await this.db.query(
      `SELECT count(*)::int AS n FROM survey_response r WHERE r.survey_id = $1 AND r.status = 'submitted' AND $2::text IS NULL ${s.where}`,
      [surveyId, null, ...s.params],
    );
    return row.n;
  }

  /**
   * One question's facts grouped by `keys` (columns of the fact table), with the weighted count
   * of each group, of its respondents (`first` rows), and the weighted sums of value and value2.
   */
  async grouped(
    surveyId: string,
    questionId: string,
    keys: ('item' | 'sub' | 'value' | 'cell')[],
    filters: TSurveyResultsFilters,
    weights: CellWeights | null | Promise<CellWeights>,
    sumsOf: ('value' | 'value2')[] = [],
  ): Promise<{ item: string | null; sub: string | null; value: number | null; cell: number | null; n: number; answered: number; sumValue: number; sumValue2: number }[]> {
    const s = scope(filters, null);
    // The sums only where the question's aggregate uses them.
    const sums = [
      sumsOf.includes('value') ? `, coalesce(sum(f.value), 0) AS "sumValue"` : '',
      sumsOf.includes('value2') ? `, coalesce(sum(f.value2), 0) AS "sumValue2"` : '',
    ].join('');
    const counted = (columns: string[]) =>
      `SELECT ${columns.map((c) => `${c},`).join(' ')} count(*) AS n, count(*) FILTER (WHERE f.first) AS answered ${sums}
         FROM survey_answer_fact f
        WHERE f.survey_id = $1 AND f.question_id = $2 ${s.where}
        ${columns.length ? `GROUP BY ${columns.join(', ')}` : ''}`;
    const keyColumns = keys.map((k) => `f.${k}`);
    let sql = counted(keyColumns);
    if (weights) {
      // Weighted: the facts are counted per group and demographic cell, and each such count is
      // weighed once (the weight is constant within a cell) — a join on the counted groups, not on
      // every fact row (measured: joining per fact row made the weighted page 1.4–1.55 s against 1.2 s).
      // The groups come back as many as unweighted, instead of one per cell for Node to add up.
      // The cell is one integer column (demographic_cell) unless two cells share a number.
      const w = await weights;
      const cellColumns = w.cells ? ['f.demographic_cell'] : ['f.district_id', 'f.gender', 'f.age_band'];
      const inner = counted([...keyColumns, ...cellColumns]);
      const join = weightJoin(w, 'g', s.params);
      const outer = keys.map((k) => `g.${k}`);
      const measures = ['n', 'answered', ...(sumsOf.includes('value') ? ['sumValue'] : []), ...(sumsOf.includes('value2') ? ['sumValue2'] : [])];
      sql = `SELECT ${outer.map((c) => `${c},`).join(' ')} ${measures.map((m) => `sum(g."${m}" * coalesce(wt.w, 1)) AS "${m}"`).join(', ')}
        FROM (${inner}) g ${join}
        ${outer.length ? `GROUP BY ${outer.join(', ')}` : ''}`;
    }
    const rows: Record<string, unknown>[] = await this.db.query(sql, [surveyId, questionId, ...s.params]);
    return rows.map((r) => ({
      item: (r.item as string | undefined) ?? null,
      sub: (r.sub as string | undefined) ?? null,
      value: r.value === undefined || r.value === null ? null : Number(r.value),
      cell: r.cell === undefined || r.cell === null ? null : Number(r.cell),
      n: Number(r.n),
      answered: Number(r.answered),
      sumValue: Number(r.sumValue ?? 0),
      sumValue2: Number(r.sumValue2 ?? 0),
    }));
  }

  /**
   * A number question's summary: weighted mean, min, max and quartiles. Unweighted quartiles are
   * interpolated (percentile_cont); weighted ones are the lowest value whose cumulative weight
   * reaches the quantile.
   */
  async numberSummary(
    surveyId: string,
    questionId: string,
    filters: TSurveyResultsFilters,
    weights: CellWeights | null,
  ): Promise<{ n: number; mean: number | null; min: number | null; max: number | null; q1: number | null; median: number | null; q3: number | null }> {
    const s = scope(filters, weights);
    const quartiles = weights
      ? `min(value) FILTER (WHERE cum >= 0.25 * tot) AS q1, min(value) FILTER (WHERE cum >= 0.5 * tot) AS median, min(value) FILTER (WHERE cum >= 0.75 * tot) AS q3`
      : `percentile_cont(0.25) WITHIN GROUP (ORDER BY value) AS q1, percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median,
         percentile_cont(0.75) WITHIN GROUP (ORDER BY value) AS q3`;
    const [row] = await this.db.query(
      `WITH v AS (SELECT f.value, ${s.w} AS w FROM survey_answer_fact f ${s.join}
                   WHERE f.survey_id = $1 AND f.question_id = $2 AND f.value IS NOT NULL ${s.where}),
            o AS (SELECT value, w, sum(w) OVER (ORDER BY value ROWS UNBOUNDED PRECEDING) AS cum, sum(w) OVER () AS tot FROM v)
       SELECT coalesce(sum(w), 0) AS n, sum(w * value) / nullif(sum(w), 0) AS mean, min(value) AS min, max(value) AS max, ${quartiles}
         FROM ${weights ? 'o' : 'v'}`,
      [surveyId, questionId, ...s.params],
    );
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return { n: Number(row.n), mean: num(row.mean), min: num(row.min), max: num(row.max), q1: num(row.q1), median: num(row.median), q3: num(row.q3) };
  }

  /** A number question's histogram: `bins` equal-width bins from min to max. */
  async numberBins(
    surveyId: string,
    questionId: string,
    range: { min: number; max: number; bins: number },
    filters: TSurveyResultsFilters,
    weights: CellWeights | null,
  ): Promise<{ bin: number; n: number }[]> {
    const s = scope(filters, weights);
    const at = s.params.length + 3;
    const rows = await this.db.query(
      `SELECT least(floor((f.value - $${at}) / nullif($${at + 1}::float8 - $${at}, 0) * $${at + 2}), $${at + 2} - 1)::int AS bin, sum(${s.w}) AS n
         FROM survey_answer_fact f ${s.join}
        WHERE f.survey_id = $1 AND f.question_id = $2 AND f.value IS NOT NULL ${s.where}
        GROUP BY 1`,
      [surveyId, questionId, ...s.params, range.min, range.max, range.bins],
    );
    return rows.map((r: { bin: number | null; n: string }) => ({ bin: r.bin ?? 0, n: Number(r.n) }));
  }

  /** Up to `limit` points of a map point question. */
  async points(surveyId: string, questionId: string, filters: TSurveyResultsFilters, limit: number): Promise<{ lat: number; lng: number }[]> {
    const s = scope(filters, null);
    return this.db.query(
      `SELECT f.value AS lat, f.value2 AS lng FROM survey_answer_fact f
        WHERE f.survey_id = $1 AND f.question_id = $2 AND f.value IS NOT NULL ${s.where} LIMIT ${Number(limit)}`,
      [surveyId, questionId, ...s.params],
    );
  }

  /** A question's facts grouped by `key` and by a respondent group (only respondents in a group). */
  async crosstab(
    surveyId: string,
    questionId: string,
    key: string,
    by: SurveyCrosstabGrouping,
    filters: TSurveyResultsFilters,
    weights: CellWeights | null,
  ): Promise<{ key: string | null; grp: string; n: number; answered: number }[]> {
    const s = scope(filters, weights);
    const group = GROUP_COLUMN[by];
    const rows = await this.db.query(
      `SELECT ${key} AS key, ${group} AS grp, sum(${s.w}) AS n, coalesce(sum(${s.w}) FILTER (WHERE f.first), 0) AS answered
         FROM survey_answer_fact f ${s.join}
        WHERE f.survey_id = $1 AND f.question_id = $2 AND ${group} IS NOT NULL ${s.where}
        GROUP BY 1, 2`,
      [surveyId, questionId, ...s.params],
    );
    return rows.map((r: { key: string | null; grp: string; n: string; answered: string }) => ({ key: r.key, grp: r.grp, n: Number(r.n), answered: Number(r.answered) }));
  }

  /** The consenting respondents per district × gender × age band (any of them may be null). */
  async demographicCells(surveyId: string): Promise<{ districtId: string | null; gender: string | null; ageBand: string | null; respondents: number; consenting: boolean }[]> {
    const rows = await this.db.query(
      `SELECT district_id AS "districtId", gender, age_band AS "ageBand", demographics_consent AS consenting, count(*)::int AS respondents
         FROM survey_response WHERE survey_id = $1 AND status = 'submitted'
        GROUP BY 1, 2, 3, 4`,
      [surveyId],
    );
    return rows;
  }

  /** A page of open-text answers, by response id; `textKey` is a normalised search term (no LIKE wildcards: normalisation turned them into spaces). */
  async texts(
    surveyId: string,
    questionId: string,
    filters: TSurveyResultsFilters,
    page: { textKey?: string; after?: string; limit: number },
  ): Promise<{ items: { responseId: string; text: string }[]; total: number }> {
    const s = scope(filters, null);
    const params: unknown[] = [surveyId, questionId, ...s.params];
    let where = `f.survey_id = $1 AND f.question_id = $2 AND f.text IS NOT NULL ${s.where}`;
    if (page.textKey) {
      params.push(page.textKey);
      where += ` AND f.text_key LIKE '%' || $${params.length} || '%'`;
    }
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM survey_answer_fact f WHERE ${where}`, params);
    const pageParams = [...params];
    let pageWhere = where;
    if (page.after) {
      pageParams.push(page.after);
      pageWhere += ` AND f.response_id > $${pageParams.length}`;
    }
    const items = await this.db.query(
      `SELECT f.response_id AS "responseId", f.text FROM survey_answer_fact f WHERE ${pageWhere} ORDER BY f.response_id LIMIT ${Number(page.limit)}`,
      pageParams,
    );
    return { items, total };
  }
}
