import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TDemandExport } from '@hamandishi/contracts';
import { mockFetch, renderWithApp } from '../../../../test/render';
import { filterFromSearch } from './demand-export-page';
import { DemandExportPanel } from './demand-export-panel';

const PLAN = 'b0000000-0000-4000-8000-000000000001';
const BASE = '/api/orgs/isfahan/demands/exports';
// The fake server matches paths without their query string.
const LIST = BASE;
const ID = 'e0000000-0000-4000-8000-000000000001';

const exportOf = (over: Partial<TDemandExport>): TDemandExport => ({
  id: ID,
  planId: PLAN,
  format: 'xlsx',
  includePersonal: false,
  status: 'queued',
  rowsDone: 0,
  rowsTotal: null,
  errorCode: null,
  createdAt: '2026-12-02T10:00:00.000Z',
  finishedAt: null,
  expiresAt: null,
  isDownloadable: false,
  ...over,
});

const session = {
  'GET /api/auth/session': { status: 200, body: { account: null, memberships: [], csrfToken: 'x' }, setCookie: 'hm_csrf=x' },
};

describe('the demands export panel', () => {
  it('shows a running export from before the reload with its progress, then the download link', async () => {
    const states = [
      exportOf({ status: 'running', rowsDone: 400, rowsTotal: 1000 }),
      exportOf({ status: 'done', rowsDone: 1000, rowsTotal: 1000, isDownloadable: true, expiresAt: '2026-12-03T10:01:00.000Z' }),
    ];
    let polls = 0;
    const fetch = mockFetch({
      [`GET ${LIST}`]: { status: 200, body: { items: [exportOf({ status: 'running', rowsDone: 10, rowsTotal: 1000 })], canIncludePersonal: false } },
      [`GET ${BASE}/${ID}`]: () => ({ status: 200, body: states[Math.min(polls++, 1)] }),
    });
    renderWithApp(<DemandExportPanel slug="isfahan" filter={{ planId: PLAN }} />);
    const bar = await screen.findByRole('progressbar', { name: 'پیشرفت خروجی اکسل (XLSX)' });
    expect(bar).toHaveAttribute('max', '1000');
    await waitFor(() => expect(bar).toHaveAttribute('value', '400'));
    expect(screen.getByText('۴۰۰ از ۱۰۰۰')).toBeInTheDocument();
    const link = await screen.findByRole('link', { name: 'دریافت فایل اکسل (XLSX)' }, { timeout: 3000 });
    expect(link).toHaveAttribute('href', `${BASE}/${ID}/file`);
    expect(fetch.mock.calls.map(([url]) => String(url))).toContain(`${BASE}?planId=${PLAN}`);
    // No personal data checkbox for a planner who may not have it.
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('asks for the chosen format with the filter, and personal data only when allowed and ticked', async () => {
    let items: TDemandExport[] = [];
    const fetch = mockFetch({
      ...session,
      [`GET ${LIST}`]: () => ({ status: 200, body: { items, canIncludePersonal: true } }),
      [`POST ${BASE}`]: () => {
        items = [exportOf({ format: 'csv', includePersonal: true })];
        return { status: 201, body: items[0] };
      },
      [`GET ${BASE}/${ID}`]: () => ({ status: 200, body: items[0] }),
    });
    renderWithApp(<DemandExportPanel slug="isfahan" filter={{ planId: PLAN, kinds: 'problem' }} />);
    expect(await screen.findByText('هنوز خروجی‌ای نخواسته‌اید.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'CSV' }));
    await userEvent.click(await screen.findByRole('checkbox', { name: 'نام و راه تماس نویسندگان هم بیاید (اطلاعات شخصی)' }));
    await userEvent.click(screen.getByRole('button', { name: 'تهیه خروجی' }));
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post![1]!.body))).toEqual({ format: 'csv', includePersonal: true, filter: { planId: PLAN, kinds: 'problem' } });
    expect(await screen.findByRole('progressbar', { name: 'پیشرفت خروجی CSV' })).toBeInTheDocument();
    expect(screen.getByText(/با اطلاعات شخصی/)).toBeInTheDocument();
  });

  it('asks for the supporting document and translates a refusal', async () => {
    const fetch = mockFetch({
      ...session,
      [`GET ${LIST}`]: { status: 200, body: { items: [], canIncludePersonal: false } },
      [`POST ${BASE}`]: { status: 404, body: { code: 'demand_exports.plan_not_found', message: 'Plan not found' } },
    });
    renderWithApp(<DemandExportPanel slug="isfahan" filter={{ planId: PLAN }} />);
    await userEvent.click(await screen.findByRole('button', { name: 'تهیه سند پشتیبان (PDF)' }));
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post![1]!.body))).toEqual({ format: 'pdf', includePersonal: false, filter: { planId: PLAN } });
    expect(await screen.findByText('این برنامه پیدا نشد.')).toBeInTheDocument();
  });

  it('reads the filter from the page’s query string', () => {
    expect(filterFromSearch(new URLSearchParams(`planId=${PLAN}&kinds=problem&kinds=question&q=پارک`))).toEqual({
      planId: PLAN,
      kinds: 'problem,question',
      q: 'پارک',
    });
    expect(filterFromSearch(new URLSearchParams('kinds=problem'))).toBeNull();
  });
});
