import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TSession, TSurveyAdmin, TSurveyCrosstab, TSurveyRepresentativeness, TSurveyResults, TSurveyTextPage } from '@hamandishi/contracts';
import OrganizationLayout from '@/features/organizations/pages/organization-layout';
import { CITIZEN_SESSION, ORG } from '@/features/problems/test-fixtures';
import { mockFetch, renderRoutes } from '../../../../test/render';
import SurveyResultsPage from './survey-results-page';

// ECharts draws into an SVG that jsdom cannot lay out; the page's data tables carry the numbers.
jest.mock('./result-chart', () => ({
  ResultChart: ({ label, categories, series }: { label: string; categories: string[]; series: { name: string; values: number[] }[] }) => (
    <table aria-label={label}>
      <tbody>
        {categories.map((c, i) => (
          <tr key={c}>
            <th>{c}</th>
            {series.map((s) => (
              <td key={s.name}>{s.values[i]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  ),
}));
jest.mock('./results-map', () => ({ __esModule: true, default: ({ title }: { title: string }) => <p>map of {title}</p> }));

const ACTIVITY = '0c000000-0000-4000-8000-000000000001';
const BASE = `/api/orgs/isfahan/surveys/${ACTIVITY}`;
const DISTRICT = ORG.districts[0].id;
const PLANNER_SESSION: TSession = {
  ...CITIZEN_SESSION,
  memberships: [{ organizationId: ORG.id, organizationSlug: ORG.slug, roles: ['planner'], districtId: null }],
};

const SURVEY: TSurveyAdmin = {
  id: '0f000000-0000-4000-8000-000000000001',
  activityId: ACTIVITY,
  definition: {
    sections: [
      {
        id: 's1',
        questions: [
          { id: 'transport', type: 'single_choice', title: { fa: 'وسیله رفت‌وآمد' }, options: [{ id: 'bus', label: { fa: 'اتوبوس' } }, { id: 'metro', label: { fa: 'مترو' } }] },
          { id: 'idea', type: 'short_text', title: { fa: 'پیشنهاد شما' } },
          { id: 'zone', type: 'map_area', title: { fa: 'محدودهٔ نیازمند' } },
        ],
      },
    ],
  },
  version: 1,
  frozenAt: '2026-12-01T00:00:00.000Z',
  settings: { audience: { audience: 'signed_in' }, anonymous: false, askDemographics: true },
  responseCount: 12,
  updatedAt: '2026-12-01T00:00:00.000Z',
};

const results = (weighted: boolean): TSurveyResults => ({
  respondents: 12,
  weighted,
  grid: { minLat: 32.15, maxLat: 33.15, minLng: 51.17, maxLng: 52.17, size: 40 },
  questions: [
    {
      kind: 'choice',
      questionId: 'transport',
      answered: 12,
      options: [
        { id: 'bus', count: weighted ? 3 : 8, share: weighted ? 0.25 : 8 / 12 },
        { id: 'metro', count: weighted ? 9 : 4, share: weighted ? 0.75 : 4 / 12 },
      ],
      other: 0,
    },
    { kind: 'text', questionId: 'idea', answered: 2 },
    { kind: 'map_area', questionId: 'zone', answered: 12, grid: [{ cell: 861, count: 12 }] },
  ],
});

const CROSSTAB: TSurveyCrosstab = {
  questionId: 'transport',
  by: 'district',
  weighted: false,
  groups: [{ id: DISTRICT, respondents: 8 }],
  rows: [{ id: 'bus', cells: { [DISTRICT]: { count: 8, share: 1 } } }],
};

const REPRESENTATIVENESS: TSurveyRepresentativeness = {
  respondents: 14,
  consenting: 12,
  district: [{ id: DISTRICT, respondents: 12, sampleShare: 1, populationShare: 0.25, difference: 0.75 }],
  ageBand: [{ id: '18_29', respondents: 6, sampleShare: 0.5, populationShare: 0.5, difference: 0 }],
  gender: [{ id: 'female', respondents: 6, sampleShare: 0.5, populationShare: 0.5, difference: 0 }],
  weights: { weightedRespondents: 12, min: 0.375, max: 2.25, capped: 0, collapsed: 0, cells: [] },
};

const TEXTS: TSurveyTextPage = { items: [{ responseId: '0a100000-0000-4000-8000-000000000001', text: 'پارک‌های بیشتر' }], total: 1, nextCursor: null };

function renderPage() {
  const calls = mockFetch({
    'GET /api/orgs/isfahan': { status: 200, body: ORG },
    'GET /api/auth/session': { status: 200, body: PLANNER_SESSION },
    [`GET ${BASE}`]: { status: 200, body: SURVEY },
    [`GET ${BASE}/results`]: { status: 200, body: results(false) },
    [`GET ${BASE}/results/crosstab`]: { status: 200, body: CROSSTAB },
    [`GET ${BASE}/results/representativeness`]: { status: 200, body: REPRESENTATIVENESS },
    [`GET ${BASE}/results/texts`]: { status: 200, body: TEXTS },
  });
  const view = renderRoutes(
    [{ path: '/:slug', element: <OrganizationLayout />, children: [{ path: 'manage/surveys/:activityId/results', element: <SurveyResultsPage /> }] }],
    `/isfahan/manage/surveys/${ACTIVITY}/results`,
  );
  return { ...view, calls };
}

const urls = (calls: jest.Mock) => calls.mock.calls.map(([url]) => String(url));

describe('the survey results page', () => {
  it('shows the respondents, a chart per question with its numbers, the map, and a link to the export', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'نتایج پرسش‌نامه' })).toBeInTheDocument();
    expect(await screen.findByText('۱۲ پاسخ‌دهنده')).toBeInTheDocument();
    const chart = await screen.findByRole('table', { name: 'وسیله رفت‌وآمد' });
    expect(within(chart).getByText('اتوبوس')).toBeInTheDocument();
    expect(screen.getByText('۲ پاسخ متنی؛ در بخش «پاسخ‌های متنی» بخوانید.')).toBeInTheDocument();
    expect(await screen.findByText('map of محدودهٔ نیازمند')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'خروجی پاسخ‌ها' })).toHaveAttribute('href', `/isfahan/manage/surveys/${ACTIVITY}/export`);
  });

  it('asks for weighted results and labels them as weighted', async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('table', { name: 'وسیله رفت‌وآمد' });
    const calls = mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: ORG },
      'GET /api/auth/session': { status: 200, body: PLANNER_SESSION },
      [`GET ${BASE}/results`]: { status: 200, body: results(true) },
    });
    await user.click(screen.getByRole('checkbox', { name: 'اعمال وزن‌ها' }));
    expect(await screen.findByText(/شمارش‌ها با وزن‌های پس‌طبقه‌بندی/)).toBeInTheDocument();
    expect(urls(calls).some((u) => u.includes('/results?weighted=true'))).toBe(true);
    // Each question's card says so too, once the weighted numbers arrived.
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'وسیله رفت‌وآمد' })).getByText('0.75')).toBeInTheDocument());
    expect(screen.getAllByText('وزن‌دار').length).toBeGreaterThan(1);
  });

  it('shows a cross-tab, the representativeness table and the open answers', async () => {
    const user = userEvent.setup();
    const { calls } = renderPage();
    await screen.findByRole('table', { name: 'وسیله رفت‌وآمد' });

    await user.click(screen.getByRole('tab', { name: 'جدول متقاطع' }));
    const crosstab = await screen.findByRole('table', { name: 'وسیله رفت‌وآمد بر حسب منطقه' });
    expect(within(crosstab).getByRole('columnheader', { name: 'منطقه یک' })).toBeInTheDocument();
    expect(within(crosstab).getByText('۸ (۱۰۰٪)')).toBeInTheDocument();
    expect(urls(calls).some((u) => u.includes('/results/crosstab?question=transport&by=district'))).toBe(true);

    await user.click(screen.getByRole('tab', { name: 'نمایندگی' }));
    const districts = await screen.findByRole('table', { name: 'منطقه' });
    const row = within(districts).getByRole('row', { name: /منطقه یک/ });
    expect(within(row).getByText('۲۵٪')).toBeInTheDocument();
    expect(within(row).getByText('+۷۵٪')).toBeInTheDocument();
    expect(screen.getByText(/از ۰٫۴ تا ۲٫۳|از ۰.۴ تا ۲.۳/)).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'پاسخ‌های متنی' }));
    expect(await screen.findByText('پارک‌های بیشتر')).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'جست‌وجو در پاسخ‌ها' }), 'پارك{Enter}');
    await waitFor(() => expect(urls(calls).some((u) => u.includes('/results/texts?question=idea&q='))).toBe(true));
  });
});
