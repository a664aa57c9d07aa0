import './survey-results.css';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  AGE_BANDS,
  GENDERS,
  type Locale,
  OTHER_CHOICE,
  SURVEY_CAPACITIES,
  SURVEY_CROSSTAB_GROUPINGS,
  type SurveyCrosstabGrouping,
  surveyQuestions,
  type TOrganization,
  type TQuestionResult,
  type TSurveyDefinition,
  type TSurveyQuestion,
  type TSurveyRepresentativeness,
  type TSurveyResults,
} from '@hamandishi/contracts';
import { Alert, Button, Card, EmptyState, PageHeader, Select, Spinner, TableScroll, Tabs, TextField } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { QueryView } from '@/features/plans/components/query-view';
import { RequirePlanner } from '@/features/plans/manage/require-planner';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { ResultChart } from './result-chart';
import { SURVEY_RESULTS_NS } from './survey-results-i18n';
import {
  type ResultsFilters,
  useSurveyCrosstab,
  useSurveyForResults,
  useSurveyRepresentativeness,
  useSurveyResults,
  useSurveyTexts,
} from './use-survey-results';

const ResultsMap = lazy(() => import('./results-map'));

const ALL = 'all';
const NO_FILTERS: ResultsFilters = { weighted: false };
const TABULABLE = new Set(['single_choice', 'multiple_choice', 'likert', 'rating', 'ranking', 'matrix_single', 'matrix_multiple', 'date']);

/** `/:slug/manage/surveys/:activityId/results`: charts, cross-tabs, representativeness and open answers. */
export default function SurveyResultsPage() {
  return (
    <RequirePlanner>
      <SurveyResults />
    </RequirePlanner>
  );
}

function SurveyResults() {
  const { slug = '', activityId = '' } = useParams();
  const survey = useSurveyForResults(slug, activityId);
  return <QueryView query={survey}>{(data) => <ResultsScreen slug={slug} activityId={activityId} definition={data.definition} />}</QueryView>;
}

/** Formats numbers (weighted counts keep one decimal) and shares with the locale's digits. */
function useFormat() {
  const locale = useLocale();
  const { t } = useTranslation(SURVEY_RESULTS_NS);
  return {
    locale,
    n: (v: number) => formatNumber(Math.round(v * 10) / 10, locale),
    pct: (v: number) => t('question.percent', { value: formatNumber(Math.round(v * 1000) / 10, locale) }),
  };
}

function ResultsScreen({ slug, activityId, definition }: { slug: string; activityId: string; definition: TSurveyDefinition }) {
  const { t } = useTranslation(SURVEY_RESULTS_NS);
  const { locale, n } = useFormat();
  const organization = useCurrentOrganization();
  const [filters, setFilters] = useState<ResultsFilters>(NO_FILTERS);
  const results = useSurveyResults(slug, activityId, filters);
  const questions = surveyQuestions(definition).map(({ question }) => question);
  const title = t('titleFallback');
  usePageTitle(title);

  return (
    <div className="stack survey-results">
      <PageHeader
        title={title}
        description={results.data ? t('respondents', { count: n(results.data.respondents) as unknown as number }) : undefined}
        actions={
          <p className="survey-results__links">
            <Link to={`/${slug}/manage/surveys/${activityId}/export`}>{t('export')}</Link>
          </p>
        }
      />
      <Filters organization={organization} filters={filters} onChange={setFilters} />
      {filters.weighted && (
        <p className="survey-results__weighted" role="status">
          <span className="badge">{t('weightedBadge')}</span> {t('weightedHint')}
        </p>
      )}
      <Tabs
        label={t('tabs.label')}
        items={[
          {
            value: 'questions',
            label: t('tabs.questions'),
            content: (
              <QueryView query={results}>
                {(data) => <QuestionsView questions={questions} results={data} locale={locale} />}
              </QueryView>
            ),
          },
          { value: 'crosstab', label: t('tabs.crosstab'), content: <CrosstabView slug={slug} activityId={activityId} questions={questions} filters={filters} organization={organization} /> },
          { value: 'representativeness', label: t('tabs.representativeness'), content: <RepresentativenessView slug={slug} activityId={activityId} organization={organization} /> },
          { value: 'texts', label: t('tabs.texts'), content: <TextsView slug={slug} activityId={activityId} questions={questions} filters={filters} /> },
        ]}
      />
    </div>
  );
}

// ---- filters -----------------------------------------------------------------------------------

function districtName(organization: TOrganization, id: string, locale: Locale): string {
  const d = organization.districts.find((x) => x.id === id);
  return d ? pickLocalized(d.name, locale) : id;
}

/** The label of a group of a cross-tab or of the representativeness table. */
function useGroupLabel(organization: TOrganization) {
  const { t } = useTranslation(SURVEY_RESULTS_NS);
  const locale = useLocale();
  return (by: SurveyCrosstabGrouping, id: string) => {
    if (by === 'district') return districtName(organization, id, locale);
    if (by === 'capacity') return t(`capacities.${id}`, { defaultValue: id });
    if (by === 'age_band') return t(`ageBands.${id}`, { defaultValue: id });
    return t(`genders.${id}`, { defaultValue: id });
  };
}

type FiltersProps = { organization: TOrganization; filters: ResultsFilters; onChange: (f: ResultsFilters) => void };

function Filters({ organization, filters, onChange }: FiltersProps) {
  const { t } = useTranslation(SURVEY_RESULTS_NS);
  const locale = useLocale();
  const all = { value: ALL, label: t('filters.all') };
  const set = (key: 'district' | 'capacity' | 'ageBand' | 'gender') => (value: string) =>
    onChange({ ...filters, [key]: value === ALL ? undefined : value });
  return (
    <fieldset className="survey-results__filters">
      <legend>{t('filters.legend')}</legend>
      <div className="survey-results__filter-row">
        <Select
          label={t('filters.district')}
          value={filters.district ?? ALL}
          onValueChange={set('district')}
          options={[all, ...organization.districts.map((d) => ({ value: d.id, label: pickLocalized(d.name, locale) }))]}
        />
        <Select
          label={t('filters.capacity')}
          value={filters.capacity ?? ALL}
          onValueChange={set('capacity')}
          options={[all, ...SURVEY_CAPACITIES.map((c) => ({ value: c, label: t(`capacities.${c}`) }))]}
        />
        <Select
          label={t('filters.ageBand')}
          value={filters.ageBand ?? ALL}
          onValueChange={set('ageBand')}
          options={[all, ...AGE_BANDS.map((a) => ({ value: a, label: t(`ageBands.${a}`) }))]}
        />
        <Select
          label={t('filters.gender')}
          value={filters.gender ?? ALL}
          onValueChange={set('gender')}
          options={[all, ...GENDERS.map((g) => ({ value: g, label: t(`genders.${g}`) }))]}
        />
      </div>
      <div className="survey-results__filter-row">
        <label className="survey-results__check">
          <input type="checkbox" checked={filters.weighted} onChange={(e) => onChange({ ...filters, weighted: e.target.checked })} /> {t('filters.weighted')}
        </label>
        <Button variant="secondary" size="sm" onClick={() => onChange(NO_FILTERS)}>
          {t('filters.clear')}
        </Button>
      </div>
      <p className="muted">{t('filters.note')}</p>
    </fieldset>
  );
}

// ---- questions ---------------------------------------------------------------------------------

function optionLabel(q: TSurveyQuestion, id: string, locale: Locale, otherLabel: string): string {
  if (id === OTHER_CHOICE) return otherLabel;
  const lists = 'options' in q ? [q.options] : 'rows' in q ? [q.rows, q.columns] : [];
  for (const list of lists) {
    const found = list.find((o) => o.id === id);
    if (found) return pickLocalized(found.label, locale);
  }
  return id;
}

function QuestionsView({ questions, results, locale }: { questions: TSurveyQuestion[]; results: TSurveyResults; locale: Locale }) {
  const byId = new Map(results.questions.map((r) => [r.questionId, r]));
  return (
    <div className="stack">
      {questions.map((q) => {
        const result = byId.get(q.id);
        return result ? <QuestionCard key={q.id} question={q} result={result} results={results} locale={locale} /> : null;
      })}
    </div>
  );
}

function QuestionCard({ question: q, result, results, locale }: { question: TSurveyQuestion; result: TQuestionResult; results: TSurveyResults; locale: Locale }) {
  const { t } = useTranslation(SURVEY_RESULTS_NS);
  const { n, pct } = useFormat();
  const title = pickLocalized(q.title, locale);
  const other = t('question.otherLabel');
  const label = (id: string) => optionLabel(q, id, locale, other);
  return (
    <Card
      title={title}
      headingLevel={2}
      badge={
        <span className="muted">
          {t('question.answered', { count: n(result.answered) as unknown as number })}
          {results.weighted && (
            <>
              {' '}
              <span className="badge">{t('weightedBadge')}</span>
            </>
          )}
        </span>
      }
    >
      {result.answered === 0 ? <p className="muted">{t('question.noAnswers')}</p> : <QuestionBody q={q} result={result} results={results} label={label} title={title} n={n} pct={pct} locale={locale} />}
    </Card>
  );
}

type BodyProps = {
  q: TSurveyQuestion;
  result: TQuestionResult;
  results: TSurveyResults;
  label: (id: string) => string;
  title: string;
  n: (v: number) => string;
  pct: (v: number) => string;
  locale: Locale;
};

function QuestionBody({ q, result, results, label, title, n, locale }: BodyProps) {
  const { t } = useTranslation(SURVEY_RESULTS_NS);
  switch (result.kind) {
    case 'choice':
      return (
        <>
          <ResultChart label={title} locale={locale} isShare categories={result.options.map((o) => label(o.id))} series={[{ name: t('question.share'), values: result.options.map((o) => o.share) }]} />
          {result.other > 0 && <p className="muted">{t('question.other', { count: n(result.other) as unknown as number })}</p>}
        </>
      );
    case 'scale': {
      const points = result.distribution.length;
      const isLikert = q.type === 'likert';
      if (!isLikert) {
        return (
          <>
            <ResultChart label={title} locale={locale} isShare categories={result.distribution.map((d) => n(d.value))} series={[{ name: t('question.share'), values: result.distribution.map((d) => d.share) }]} />
            {result.mean !== null && <p>{t('question.mean', { value: n(result.mean) })}</p>}
          </>
        );
      }
      // Diverging bar: disagreeing points to one side, agreeing to the other, the neutral point split across zero.
      const mid = (points + 1) / 2;
      const pointLabel = (v: number) => (q.type === 'likert' && q.labels?.[v - 1] ? pickLocalized(q.labels[v - 1], locale) : t('likert.point', { value: n(v) }));
      const series = result.distribution.flatMap((d) => {
        if (d.value < mid) return [{ name: pointLabel(d.value), values: [-d.share], order: mid - d.value }];
        if (d.value > mid) return [{ name: pointLabel(d.value), values: [d.share], order: d.value }];
        return [
          { name: pointLabel(d.value), values: [-d.share / 2], order: 0 },
          { name: `${pointLabel(d.value)} `, values: [d.share / 2], order: 0 },
        ];
      });
      series.sort((a, b) => a.order - b.order);
      return (
        <>
          <ResultChart label={title} locale={locale} isShare isStacked categories={[title]} series={series.map(({ name, values }) => ({ name, values }))} />
          {result.mean !== null && <p>{t('question.mean', { value: n(result.mean) })}</p>}
        </>
      );
    }
    case 'ranking':
      return (
        <>
          <ResultChart label={`${title} — ${t('question.borda')}`} locale={locale} categories={result.options.map((o) => label(o.id))} series={[{ name: t('question.borda'), values: result.options.map((o) => o.borda) }]} />
          <p className="muted">
            {t('question.meanRank')}: {result.options.map((o) => `${label(o.id)} ${o.meanRank === null ? '—' : n(o.meanRank)}`).join('، ')}
          </p>
        </>
      );
    case 'matrix': {
      if (!('rows' in q)) return null;
      const rows = q.rows.map((r) => r.id);
      const columns = q.columns.map((c) => c.id);
      const cell = (row: string, column: string) => result.cells.find((c) => c.row === row && c.column === column)?.count ?? 0;
      return (
        <ResultChart
          label={title}
          locale={locale}
          isStacked
          categories={rows.map(label)}
          series={columns.map((column) => ({ name: label(column), values: rows.map((row) => cell(row, column)) }))}
        />
      );
    }
    case 'number':
      return (
        <>
          <ResultChart label={title} locale={locale} categories={result.bins.map((b) => `${n(b.from)}–${n(b.to)}`)} series={[{ name: t('question.count'), values: result.bins.map((b) => b.count) }]} />
          <p>
            {result.mean !== null && t('question.mean', { value: n(result.mean) })}
            {result.median !== null && ` · ${t('question.median', { value: n(result.median) })}`}
          </p>
          {result.q1 !== null && result.q3 !== null && <p className="muted">{t('question.quartiles', { q1: n(result.q1), q3: n(result.q3) })} · {t('question.range', { min: n(result.min ?? 0), max: n(result.max ?? 0) })}</p>}
        </>
      );
    case 'date':
      return <ResultChart label={title} locale={locale} categories={result.months.map((m) => m.month)} series={[{ name: t('question.count'), values: result.months.map((m) => m.count) }]} />;
    case 'text':
      return <p>{t('question.textCount', { count: n(result.answered) as unknown as number })}</p>;
    case 'file':
      return <p>{t('question.fileCount', { count: n(result.answered) as unknown as number })}</p>;
    case 'map_point':
    case 'map_area':
      return (
        <Suspense fallback={<Spinner />}>
          <ResultsMap
            title={title}
            grid={results.grid}
            cells={result.grid}
            points={result.kind === 'map_point' ? result.points : undefined}
            total={result.answered}
            isArea={result.kind === 'map_area'}
            locale={locale}
          />
        </Suspense>
      );
  }
}

// ---- cross-tab ---------------------------------------------------------------------------------

type CrosstabViewProps = { slug: string; activityId: string; questions: TSurveyQuestion[]; filters: ResultsFilters; organization: TOrganization };

function CrosstabView({ slug, activityId, questions, filters, organization }: CrosstabViewProps) {
  const { t } = useTranslation([SURVEY_RESULTS_NS, 'errors']);
  const { locale, n, pct } = useFormat();
  const groupLabel = useGroupLabel(organization);
  const tabulable = questions.filter((q) => TABULABLE.has(q.type));
  const [questionId, setQuestionId] = useState<string | null>(tabulable[0]?.id ?? null);
  const [by, setBy] = useState<SurveyCrosstabGrouping>('district');
  const crosstab = useSurveyCrosstab(slug, activityId, questionId, by, filters);
  const question = tabulable.find((q) => q.id === questionId);
  if (!question) return <EmptyState title={t('crosstab.unsupported')} />;
  const other = t('question.otherLabel');
  const rowLabel = (id: string) => {
    if (question.type === 'matrix_single' || question.type === 'matrix_multiple') {
      const [row, column] = id.split(':');
      return `${optionLabel(question, row, locale, other)} — ${optionLabel(question, column, locale, other)}`;
    }
    if (question.type === 'likert' || question.type === 'rating') return n(Number(id));
    return optionLabel(question, id, locale, other);
  };
  return (
    <div className="stack">
      <div className="survey-results__filter-row">
        <Select
          label={t('crosstab.question')}
          value={question.id}
          onValueChange={setQuestionId}
          options={tabulable.map((q) => ({ value: q.id, label: pickLocalized(q.title, locale) }))}
        />
        <Select label={t('crosstab.by')} value={by} onValueChange={(v) => setBy(v as SurveyCrosstabGrouping)} options={SURVEY_CROSSTAB_GROUPINGS.map((g) => ({ value: g, label: t(`groupings.${g}`) }))} />
      </div>
      {crosstab.isPending ? (
        <Spinner />
      ) : crosstab.isError ? (
        <Alert variant="danger">{translateErrorCode(t, errorCodeOf(crosstab.error))}</Alert>
      ) : crosstab.data.groups.length === 0 ? (
        <p className="muted">{t('crosstab.empty')}</p>
      ) : (
        <TableScroll label={t('crosstab.caption', { question: pickLocalized(question.title, locale), by: t(`groupings.${by}`) })}>
          <table className="table">
            <caption>
              {t('crosstab.caption', { question: pickLocalized(question.title, locale), by: t(`groupings.${by}`) })}
              {crosstab.data.weighted && (
                <>
                  {' '}
                  <span className="badge">{t('weightedBadge')}</span>
                </>
              )}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('crosstab.row')}</th>
                {crosstab.data.groups.map((g) => (
                  <th key={g.id} scope="col">
                    {groupLabel(by, g.id)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {crosstab.data.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{rowLabel(row.id)}</th>
                  {crosstab.data.groups.map((g) => {
                    const cell = row.cells[g.id];
                    return <td key={g.id}>{cell ? t('crosstab.cell', { count: n(cell.count) as unknown as number, share: pct(cell.share) }) : '—'}</td>;
                  })}
                </tr>
              ))}
              <tr>
                <th scope="row">{t('crosstab.respondentsRow')}</th>
                {crosstab.data.groups.map((g) => (
                  <td key={g.id}>{n(g.respondents)}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}

// ---- representativeness ------------------------------------------------------------------------

function RepresentativenessView({ slug, activityId, organization }: { slug: string; activityId: string; organization: TOrganization }) {
  const query = useSurveyRepresentativeness(slug, activityId);
  return <QueryView query={query}>{(data) => <Representativeness data={data} organization={organization} />}</QueryView>;
}

function Representativeness({ data, organization }: { data: TSurveyRepresentativeness; organization: TOrganization }) {
  const { t } = useTranslation(SURVEY_RESULTS_NS);
  const { n, pct } = useFormat();
  const groupLabel = useGroupLabel(organization);
  const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${pct(Math.abs(v))}`;
  const table = (key: 'district' | 'ageBand' | 'gender', by: SurveyCrosstabGrouping) => (
    <TableScroll key={key} label={t(`representativeness.${key}`)}>
      <table className="table">
        <caption>{t(`representativeness.${key}`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('representativeness.group')}</th>
            <th scope="col">{t('representativeness.respondents')}</th>
            <th scope="col">{t('representativeness.sampleShare')}</th>
            <th scope="col">{t('representativeness.populationShare')}</th>
            <th scope="col">{t('representativeness.difference')}</th>
          </tr>
        </thead>
        <tbody>
          {data[key].map((line) => (
            <tr key={line.id}>
              <th scope="row">{groupLabel(by, line.id)}</th>
              <td>{n(line.respondents)}</td>
              <td>{pct(line.sampleShare)}</td>
              <td>{line.populationShare === null ? t('representativeness.noFigures') : pct(line.populationShare)}</td>
              <td>{line.difference === null ? t('representativeness.noFigures') : signed(line.difference)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
  const w = data.weights;
  return (
    <div className="stack">
      <p>{t('representativeness.summary', { consenting: n(data.consenting), respondents: n(data.respondents) })}</p>
      {table('district', 'district')}
      {table('ageBand', 'age_band')}
      {table('gender', 'gender')}
      <p className="muted">
        {w.weightedRespondents > 0 && w.min !== null && w.max !== null
          ? t('representativeness.weights', { weighted: n(w.weightedRespondents), min: n(w.min), max: n(w.max), capped: n(w.capped), collapsed: n(w.collapsed) })
          : t('representativeness.noWeights')}
      </p>
    </div>
  );
}

// ---- open texts --------------------------------------------------------------------------------

function TextsView({ slug, activityId, questions, filters }: { slug: string; activityId: string; questions: TSurveyQuestion[]; filters: ResultsFilters }) {
  const { t } = useTranslation([SURVEY_RESULTS_NS, 'errors']);
  const { locale, n } = useFormat();
  const texts = questions.filter((q) => q.type === 'short_text' || q.type === 'long_text');
  const [questionId, setQuestionId] = useState<string | null>(texts[0]?.id ?? null);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const query = useSurveyTexts(slug, activityId, questionId, q, filters);
  if (texts.length === 0) return <p className="muted">{t('texts.noQuestions')}</p>;
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;
  return (
    <div className="stack">
      <div className="survey-results__filter-row">
        <Select label={t('texts.question')} value={questionId ?? undefined} onValueChange={setQuestionId} options={texts.map((x) => ({ value: x.id, label: pickLocalized(x.title, locale) }))} />
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setQ(typed);
          }}
        >
          <TextField label={t('texts.search')} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} onBlur={() => setQ(typed)} />
        </form>
      </div>
      {query.isPending ? (
        <Spinner />
      ) : query.isError ? (
        <Alert variant="danger">{translateErrorCode(t, errorCodeOf(query.error))}</Alert>
      ) : (
        <>
          <p role="status">{t('texts.found', { count: n(total) as unknown as number })}</p>
          {items.length === 0 ? (
            <p className="muted">{t('texts.none')}</p>
          ) : (
            <ul className="survey-results__texts">
              {items.map((item, i) => (
                <li key={`${item.responseId}-${i}`} dir="auto">
                  {item.text}
                </li>
              ))}
            </ul>
          )}
          {query.hasNextPage && (
            <Button variant="secondary" size="sm" isLoading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {t('texts.more')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
