import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import {
  AGE_BANDS,
  GENDERS,
  OTHER_CHOICE,
  POPULATION_AGE_BANDS,
  SURVEY_MAP_GRID,
  SURVEY_MAP_POINTS_CAP,
  surveyQuestions,
  type TDistrictPopulation,
  type TQuestionResult,
  type TSurveyCrosstab,
  type TSurveyGrid,
  type TSurveyQuestion,
  type TSurveyRepresentativeness,
  type TSurveyResults,
  type TSurveyResultsFilters,
  type TSurveyTextPage,
  type ZSurveyCrosstabQuery,
  type ZSurveyTextsQuery,
} from '@hamandishi/contracts';
import { normalizeForSearch } from '@hamandishi/text';
import { DistrictsService, MUNICIPALITY_BOX_HALF_DEGREES } from '../../districts/districts.service';
import type { Organization } from '../../organizations/organization.entity';
import { StagesService } from '../../plans/stages.service';
import { SurveyErrors } from '../surveys.errors';
import { type FactColumns, type Queryable, type SurveyRow, SurveysRepository } from '../surveys.repository';
import { factsOf } from './facts';
import { SurveyResultErrors } from './survey-results.errors';
import { demographicCellOf } from './demographic-cell';
import { type CellWeights, type FactDemographics, factColumns, SurveyResultsRepository } from './survey-results.repository';
import { poststratify, type WeightScheme } from './weights';

/** How many question aggregates of one results request run at once (each holds a pooled connection). */
const AGGREGATE_CONCURRENCY = 4;

/** The relative cost of a question type's aggregate: about the fact rows an answer makes (map areas: one per covered cell). */
const AGGREGATE_COST: Record<TSurveyQuestion['type'], number> = {
  map_area: 7,
  matrix_multiple: 6,
  ranking: 5,
  matrix_single: 4,
  multiple_choice: 3,
  number: 2,
  map_point: 2,
  single_choice: 1,
  likert: 1,
  rating: 1,
  date: 1,
  short_text: 1,
  long_text: 1,
  file: 1,
};

/** Bins of a number question's histogram. */
const NUMBER_BINS = 10;

/** The map grid over an organisation's box (the box map answers must lie in, as surveys.service's boxOf). */
export function gridOf(org: Pick<Organization, 'mapCenterLat' | 'mapCenterLng'>): TSurveyGrid {
  const d = MUNICIPALITY_BOX_HALF_DEGREES;
  return { minLat: org.mapCenterLat - d, maxLat: org.mapCenterLat + d, minLng: org.mapCenterLng - d, maxLng: org.mapCenterLng + d, size: SURVEY_MAP_GRID };
}

const share = (n: number, of: number) => (of > 0 ? n / of : 0);

/**
 * Survey results for planners: aggregates per question, cross-tabs, representativeness and
 * post-stratification weights, all read from the fact table that `recordFacts` fills in the
 * submit's transaction.
 */
@Injectable()
export class SurveyResultsService {
  constructor(
    private readonly repository: SurveyResultsRepository,
    private readonly surveys: SurveysRepository,
    private readonly stages: StagesService,
    private readonly districts: DistrictsService,
  ) {}

  /** Replaces (or, for a first submission, `replace: false`, only writes) a submitted response's facts; called by SurveysService in the submit's (and edit's) transaction. */
  async recordFacts(
    m: Queryable,
    org: Organization,
    survey: Pick<SurveyRow, 'id' | 'definition'>,
    responseId: string,
    submission: FactDemographics & { answers: Record<string, unknown> },
    options: { replace: boolean } = { replace: true },
  ): Promise<void> {
    const facts = factsOf(survey.definition, submission.answers, gridOf(org));
    const demographics = { capacity: submission.capacity, districtId: submission.districtId, ageBand: submission.ageBand, gender: submission.gender };
    await this.repository.replaceFacts(m, { organizationId: org.id, surveyId: survey.id, responseId }, facts, demographics, options.replace);
  }

  /** A submitted response's fact rows, as the columns of the one-statement submission (`SurveysRepository.submitWithFacts`). */
  factColumnsOf(org: Organization, survey: Pick<SurveyRow, 'definition'>, answers: Record<string, unknown>): FactColumns {
    return factColumns(factsOf(survey.definition, answers, gridOf(org)));
  }

  /** Every question's aggregate, filtered and optionally weighted. */
  async results(org: Organization, activityId: string, filters: TSurveyResultsFilters): Promise<TSurveyResults> {
    const survey = await this.survey(org, activityId);
    // The weight table once per request, computed while the first aggregates run (they weigh their groups when it is ready).
    const weights = filters.weighted ? this.scheme(org, survey.id).then(({ scheme, cells }) => toCellWeights(scheme, cells)) : null;
    // Not left unhandled while no aggregate awaits it yet; the aggregates see the rejection.
    weights?.catch(() => undefined);
    // A few questions at a time: each is one index-only scan, mostly waiting on reads when cold.
    // The costliest first (most fact rows per answer), so the page does not wait on a large one started last.
    const all = surveyQuestions(survey.definition).map(({ question }) => question);
    const order = all.map((_, i) => i).sort((a, b) => AGGREGATE_COST[all[b].type] - AGGREGATE_COST[all[a].type] || a - b);
    const questions: TQuestionResult[] = new Array(all.length);
    let next = 0;
    const worker = async () => {
      for (let k = next++; k < order.length; k = next++) questions[order[k]] = await this.aggregate(org, survey.id, all[order[k]], filters, weights);
    };
    const [respondents] = await Promise.all([this.repository.countRespondents(survey.id, filters), ...Array.from({ length: AGGREGATE_CONCURRENCY }, worker)]);
    return {
      respondents,
      weighted: weights !== null,
      grid: gridOf(org),
      questions,
    };
  }

  /** Counts and column shares of a question's options per respondent group. */
  async crosstab(org: Organization, activityId: string, query: z.output<typeof ZSurveyCrosstabQuery>): Promise<TSurveyCrosstab> {
    const survey = await this.survey(org, activityId);
    const question = surveyQuestions(survey.definition).find(({ question: q }) => q.id === query.question)?.question;
    if (!question) throw SurveyResultErrors.questionNotFound();
    const key = crosstabKey(question);
    if (!key) throw SurveyResultErrors.crosstabUnsupported();
    const weighting = query.weighted ? await this.scheme(org, survey.id) : null;
    const weights = weighting ? toCellWeights(weighting.scheme, weighting.cells) : null;
    const rows = await this.repository.crosstab(survey.id, question.id, key, query.by, query, weights);
    const respondents = new Map<string, number>();
    for (const r of rows) respondents.set(r.grp, (respondents.get(r.grp) ?? 0) + r.answered);
    const byKey = new Map<string, Record<string, { count: number; share: number }>>();
    for (const r of rows) {
      if (r.key === null) continue;
      const cells = byKey.get(r.key) ?? {};
      cells[r.grp] = { count: r.n, share: share(r.n, respondents.get(r.grp)!) };
      byKey.set(r.key, cells);
    }
    const order = keyOrder(question);
    const ids = [...byKey.keys()].sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b, 'en', { numeric: true }));
    return {
      questionId: question.id,
      by: query.by,
      weighted: weights !== null,
      groups: [...respondents].sort(([a], [b]) => a.localeCompare(b)).map(([id, n]) => ({ id, respondents: n })),
      rows: ids.map((id) => ({ id, cells: byKey.get(id)! })),
    };
  }

  /** Respondents against the population figures per district, age band and gender, and the weights. */
  async representativeness(org: Organization, activityId: string): Promise<TSurveyRepresentativeness> {
    const survey = await this.survey(org, activityId);
    const { cells, populations, scheme } = await this.scheme(org, survey.id);
    const respondents = cells.reduce((s, c) => s + c.respondents, 0);
    const consenting = cells.filter((c) => c.consenting);
    const withFigures = [...populations.values()];

    const line = (counts: Map<string, number>, population: Map<string, number> | null, ids: readonly string[]) => {
      const known = [...counts.values()].reduce((s, n) => s + n, 0);
      const popTotal = population ? [...population.values()].reduce((s, n) => s + n, 0) : 0;
      const all = [...new Set([...ids, ...counts.keys()])];
      return all.map((id) => {
        const n = counts.get(id) ?? 0;
        const sampleShare = share(n, known);
        const populationShare = population && popTotal > 0 && population.has(id) ? population.get(id)! / popTotal : null;
        return { id, respondents: n, sampleShare, populationShare, difference: populationShare === null ? null : sampleShare - populationShare };
      });
    };
    const countBy = (pick: (c: (typeof consenting)[number]) => string | null) => {
      const m = new Map<string, number>();
      for (const c of consenting) {
        const k = pick(c);
        if (k !== null) m.set(k, (m.get(k) ?? 0) + c.respondents);
      }
      return m;
    };

    const districtPop = new Map(withFigures.map((p) => [p.districtId, p.total]));
    const agePop = new Map<string, number>();
    AGE_BANDS.forEach((band, i) => {
      const withBand = withFigures.filter((p) => p[POPULATION_AGE_BANDS[i]] !== null);
      if (withBand.length > 0) agePop.set(band, withBand.reduce((s, p) => s + (p[POPULATION_AGE_BANDS[i]] ?? 0), 0));
    });
    const genderPop = new Map<string, number>();
    if (withFigures.some((p) => p.male !== null || p.female !== null)) {
      genderPop.set('male', withFigures.reduce((s, p) => s + (p.male ?? 0), 0));
      genderPop.set('female', withFigures.reduce((s, p) => s + (p.female ?? 0), 0));
    }

    const weights = scheme.cells.map((c) => c.weight);
    return {
      respondents,
      consenting: consenting.reduce((s, c) => s + c.respondents, 0),
      district: line(countBy((c) => c.districtId), districtPop.size > 0 ? districtPop : null, [...districtPop.keys()]),
      ageBand: line(countBy((c) => c.ageBand), agePop.size > 0 ? agePop : null, AGE_BANDS),
      gender: line(countBy((c) => c.gender), genderPop.size > 0 ? genderPop : null, GENDERS),
      weights: {
        weightedRespondents: scheme.weightedRespondents,
        min: weights.length ? Math.min(...weights) : null,
        max: weights.length ? Math.max(...weights) : null,
        capped: scheme.cells.filter((c) => c.capped).reduce((s, c) => s + c.respondents, 0),
        collapsed: scheme.collapsed,
        cells: scheme.cells.map(({ districtId, gender, ageBand, respondents: n, weight }) => ({ districtId, gender, ageBand, respondents: n, weight })),
      },
    };
  }

  /** A page of a text question's answers, searched with Persian normalisation. */
  async texts(org: Organization, activityId: string, query: z.output<typeof ZSurveyTextsQuery>): Promise<TSurveyTextPage> {
    const survey = await this.survey(org, activityId);
    const question = surveyQuestions(survey.definition).find(({ question: q }) => q.id === query.question)?.question;
    if (!question || (question.type !== 'short_text' && question.type !== 'long_text')) throw SurveyResultErrors.questionNotFound();
    const textKey = query.q ? normalizeForSearch(query.q) : undefined;
    const { items, total } = await this.repository.texts(survey.id, question.id, query, { textKey, after: query.cursor, limit: query.limit + 1 });
    const more = items.length > query.limit;
    const page = items.slice(0, query.limit);
    return { items: page, total, nextCursor: more ? page[page.length - 1].responseId : null };
  }

  // ---- helpers -----------------------------------------------------------------------------

  private async survey(org: Organization, activityId: string): Promise<SurveyRow> {
    const activity = await this.stages.getActivity(org.id, activityId);
    if (activity.type !== 'survey') throw SurveyErrors.notSurvey();
    const survey = await this.surveys.findByActivity(this.surveys.db, org.id, activityId);
    if (!survey) throw SurveyErrors.notFound();
    return survey;
  }

  private async scheme(org: Organization, surveyId: string) {
    const [cells, populations] = await Promise.all([this.repository.demographicCells(surveyId), this.districts.populationsOf(org.id)]);
    const sample = cells
      .filter((c) => c.consenting && c.districtId && c.gender && c.ageBand)
      .map((c) => ({ districtId: c.districtId!, gender: c.gender!, ageBand: c.ageBand!, respondents: c.respondents }));
    return { cells, populations: populations as Map<string, TDistrictPopulation>, scheme: poststratify(sample, populations) };
  }

  private async aggregate(
    org: Organization,
    surveyId: string,
    q: TSurveyQuestion,
    filters: TSurveyResultsFilters,
    weights: CellWeights | null | Promise<CellWeights>,
  ): Promise<TQuestionResult> {
    const questionId = q.id;
    const answeredOf = (rows: { answered: number }[]) => rows.reduce((s, r) => s + r.answered, 0);
    switch (q.type) {
      case 'single_choice':
      case 'multiple_choice': {
        const rows = await this.repository.grouped(surveyId, questionId, ['item'], filters, weights);
        const answered = answeredOf(rows);
        const n = new Map(rows.map((r) => [r.item, r.n]));
        return {
          kind: 'choice',
          questionId,
          answered,
          options: q.options.map((o) => ({ id: o.id, count: n.get(o.id) ?? 0, share: share(n.get(o.id) ?? 0, answered) })),
          other: n.get(OTHER_CHOICE) ?? 0,
        };
      }
      case 'likert':
      case 'rating': {
        const rows = await this.repository.grouped(surveyId, questionId, ['value'], filters, weights, ['value']);
        const answered = answeredOf(rows);
        const n = new Map(rows.map((r) => [r.value, r.n]));
        const points = q.type === 'likert' ? q.points : q.max;
        const total = rows.reduce((s, r) => s + r.sumValue, 0);
        return {
          kind: 'scale',
          questionId,
          answered,
          mean: answered > 0 ? total / answered : null,
          distribution: Array.from({ length: points }, (_, i) => ({ value: i + 1, count: n.get(i + 1) ?? 0, share: share(n.get(i + 1) ?? 0, answered) })),
        };
      }
      case 'ranking': {
        const rows = await this.repository.grouped(surveyId, questionId, ['item'], filters, weights, ['value', 'value2']);
        const answered = answeredOf(rows);
        const by = new Map(rows.map((r) => [r.item, r]));
        return {
          kind: 'ranking',
          questionId,
          answered,
          options: q.options
            .map((o) => {
              const r = by.get(o.id);
              return { id: o.id, borda: r && answered > 0 ? r.sumValue2 / answered : 0, meanRank: r && r.n > 0 ? r.sumValue / r.n : null, ranked: r?.n ?? 0 };
            })
            .sort((a, b) => b.borda - a.borda),
        };
      }
      case 'matrix_single':
      case 'matrix_multiple': {
        const rows = await this.repository.grouped(surveyId, questionId, ['item', 'sub'], filters, weights);
        const answered = answeredOf(rows);
        return {
          kind: 'matrix',
          questionId,
          answered,
          cells: rows
            .filter((r) => r.item !== null && r.sub !== null)
            .map((r) => ({ row: r.item!, column: r.sub!, count: r.n, share: share(r.n, answered) })),
        };
      }
      case 'number': {
        const w = await weights;
        const s = await this.repository.numberSummary(surveyId, questionId, filters, w);
        const bins =
          s.min === null || s.max === null
            ? []
            : s.min === s.max
              ? [{ from: s.min, to: s.max, count: s.n }]
              : (await this.repository.numberBins(surveyId, questionId, { min: s.min, max: s.max, bins: NUMBER_BINS }, filters, w)).reduce(
                  (out, b) => {
                    out[b.bin].count += b.n;
                    return out;
                  },
                  Array.from({ length: NUMBER_BINS }, (_, i) => ({
                    from: s.min! + ((s.max! - s.min!) * i) / NUMBER_BINS,
                    to: s.min! + ((s.max! - s.min!) * (i + 1)) / NUMBER_BINS,
                    count: 0,
                  })),
                );
        return { kind: 'number', questionId, answered: s.n, mean: s.mean, median: s.median, q1: s.q1, q3: s.q3, min: s.min, max: s.max, bins };
      }
      case 'date': {
        const rows = await this.repository.grouped(surveyId, questionId, ['item'], filters, weights);
        return {
          kind: 'date',
          questionId,
          answered: answeredOf(rows),
          months: rows
            .filter((r) => r.item !== null)
            .map((r) => ({ month: r.item!, count: r.n }))
            .sort((a, b) => a.month.localeCompare(b.month)),
        };
      }
      case 'short_text':
      case 'long_text':
      case 'file': {
        const rows = await this.repository.grouped(surveyId, questionId, [], filters, weights);
        return { kind: q.type === 'file' ? 'file' : 'text', questionId, answered: answeredOf(rows) };
      }
      case 'map_point':
      case 'map_area': {
        const rows = await this.repository.grouped(surveyId, questionId, ['cell'], filters, weights);
        const grid = rows.filter((r) => r.cell !== null).map((r) => ({ cell: r.cell!, count: r.n }));
        grid.sort((a, b) => a.cell - b.cell);
        if (q.type === 'map_area') return { kind: 'map_area', questionId, answered: answeredOf(rows), grid };
        const points = await this.repository.points(surveyId, questionId, filters, SURVEY_MAP_POINTS_CAP);
        return { kind: 'map_point', questionId, answered: answeredOf(rows), points, grid };
      }
    }
  }
}

/**
 * The weights as the fact queries take them. `present` are the survey's demographic cells (every
 * response's, weighted or not): their numbers must all differ for the queries to match facts by
 * number, or a fact of one cell could take another's weight.
 */
export function toCellWeights(scheme: WeightScheme, present: { districtId: string | null; gender: string | null; ageBand: string | null }[]): CellWeights {
  // Each distinct cell's number (a cell may be listed more than once, consenting or not).
  const numberOf = new Map<string, number>();
  for (const c of present) {
    const n = demographicCellOf(c.districtId, c.gender, c.ageBand);
    if (n !== null) numberOf.set(`${c.districtId}|${c.gender}|${c.ageBand}`, n);
  }
  const isUnique = new Set(numberOf.values()).size === numberOf.size;
  return {
    districtIds: scheme.cells.map((c) => c.districtId),
    genders: scheme.cells.map((c) => c.gender),
    ageBands: scheme.cells.map((c) => c.ageBand),
    weights: scheme.cells.map((c) => c.weight),
    cells: isUnique ? scheme.cells.map((c) => demographicCellOf(c.districtId, c.gender, c.ageBand)!) : null,
  };
}

/** The SQL key of a cross-tab's rows for a question type, or null when a cross-tab makes no sense. */
function crosstabKey(q: TSurveyQuestion): string | null {
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice':
    case 'date':
      return 'f.item';
    case 'likert':
    case 'rating':
      return `f.value::int::text`;
    case 'matrix_single':
    case 'matrix_multiple':
      return `f.item || ':' || f.sub`;
    case 'ranking':
      // The option ranked first by each respondent.
      return `CASE WHEN f.value = 1 THEN f.item END`;
    default:
      return null;
  }
}

/** The definition's order of a question's cross-tab rows. */
function keyOrder(q: TSurveyQuestion): string[] {
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice':
      return [...q.options.map((o) => o.id), OTHER_CHOICE];
    case 'ranking':
      return q.options.map((o) => o.id);
    case 'matrix_single':
    case 'matrix_multiple':
      return q.rows.flatMap((r) => q.columns.map((c) => `${r.id}:${c.id}`));
    default:
      return [];
  }
}

const rank = (order: string[], id: string) => {
  const i = order.indexOf(id);
  return i < 0 ? order.length : i;
};
