import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TStrategyStructure } from '@hamandishi/contracts';
import { i18next } from '@/app/i18n';
import { mockFetch, renderWithApp } from '../../../test/render';
import { IndicatorForm } from './row-forms';
import { STRATEGY_NS, strategyResources } from './strategy-i18n';

const PLAN = 'a0000000-0000-4000-8000-000000000001';
const OUTPUT = 'b0000000-0000-4000-8000-000000000001';
const BASE = `/api/orgs/isfahan/plans/${PLAN}/strategy`;
const SESSION = { 'GET /api/auth/session': { status: 200, body: { account: null, memberships: [], csrfToken: 'x' }, setCookie: 'hm_csrf=x' } };

const structure = {
  plan: { id: PLAN, status: 'drafting', title: { fa: 'برنامه' }, strategicHorizon: { from: 1404, to: 1413 }, operationalHorizon: { from: 1404, to: 1408 } },
  isEditable: true,
  statement: { vision: '', mission: '', values: [] },
  focusPoints: [],
  goals: [{ id: 'g', code: 'G1', title: 'مقصد', description: null, position: 0, archived: false }],
  outputs: [{ id: OUTPUT, goalId: 'g', code: 'O1', title: 'خروجی', description: null, position: 0, archived: false }],
  indicators: [],
  portfolios: [],
  projects: [],
  actions: [],
  budget: [],
  committees: [],
  districts: [],
  approvals: [],
  versions: [],
} as unknown as TStrategyStructure;

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

describe('plan structure editor', () => {
  it('has the same keys in Persian, Arabic and English', () => {
    const fa = leafKeys(strategyResources.fa).sort();
    expect(leafKeys(strategyResources.ar).sort()).toEqual(fa);
    expect(leafKeys(strategyResources.en).sort()).toEqual(fa);
    expect(i18next.getFixedT('fa', STRATEGY_NS)('tabs.budget')).toBe('بودجه سالانه');
  });

  it('checks the formula against the declared variables as the planner types, and sends the indicator', async () => {
    const user = userEvent.setup({ delay: null });
    const fetch = mockFetch({ ...SESSION, [`POST ${BASE}/indicators`]: { status: 201, body: structure } });
    const onDone = jest.fn();
    renderWithApp(<IndicatorForm slug="isfahan" planId={PLAN} level="indicator" structure={structure} outputId={OUTPUT} onDone={onDone} />);
    await user.type(screen.getByLabelText('کد'), 'I1');
    await user.type(screen.getByLabelText('عنوان'), 'سرانه فضای سبز');
    await user.type(screen.getByLabelText('واحد'), 'مترمربع');
    await user.type(screen.getByLabelText('نام (در فرمول)'), 'green');
    await user.type(screen.getByLabelText('چه چیزی را می‌سنجد'), 'مساحت');
    await user.type(screen.getByLabelText('فرمول محاسبه'), 'green ÷ pop');
    expect(screen.getByTestId('formula-status')).toHaveTextContent('فرمول از متغیری استفاده می‌کند که تعریف نشده است. (نویسه 9)');
    await user.clear(screen.getByLabelText('فرمول محاسبه'));
    await user.type(screen.getByLabelText('فرمول محاسبه'), 'green × ۱۰۰ / 0');
    expect(screen.getByTestId('formula-status')).toHaveTextContent('فرمول بر صفر تقسیم می‌کند.');
    await user.clear(screen.getByLabelText('فرمول محاسبه'));
    await user.type(screen.getByLabelText('فرمول محاسبه'), 'green × ۱۰۰');
    expect(screen.getByTestId('formula-status')).toHaveTextContent('فرمول درست است. متغیرهای به‌کاررفته: green');
    await user.click(screen.getByRole('button', { name: 'ذخیره' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const sent = fetch.mock.calls.find(([url, init]) => String(url).endsWith('/indicators') && init?.method === 'POST');
    expect(JSON.parse(String(sent?.[1]?.body))).toMatchObject({ outputId: OUTPUT, code: 'I1', formula: 'green × ۱۰۰', variables: [{ name: 'green', label: 'مساحت' }] });
  }, 90_000);
});
