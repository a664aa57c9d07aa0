import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TSurveyExport } from '@hamandishi/contracts';
import { mockFetch, renderWithApp } from '../../../../test/render';
import { SurveyExportPanel } from './survey-export-panel';

const ACTIVITY = 'a0000000-0000-4000-8000-000000000001';
const BASE = `/api/orgs/isfahan/surveys/${ACTIVITY}/exports`;
const ID = 'e0000000-0000-4000-8000-000000000001';

const exportOf = (over: Partial<TSurveyExport>): TSurveyExport => ({
  id: ID,
  format: 'xlsx',
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

describe('the survey export panel', () => {
  it('shows a running export from before the reload with its progress, then the download link when done', async () => {
    const states = [
      exportOf({ status: 'running', rowsDone: 40, rowsTotal: 100 }),
      exportOf({
        status: 'done',
        rowsDone: 100,
        rowsTotal: 100,
        isDownloadable: true,
        finishedAt: '2026-12-02T10:01:00.000Z',
        expiresAt: '2026-12-03T10:01:00.000Z',
      }),
    ];
    let polls = 0;
    mockFetch({
      [`GET ${BASE}`]: {
        status: 200,
        body: { items: [exportOf({ status: 'running', rowsDone: 10, rowsTotal: 100 })] },
      },
      [`GET ${BASE}/${ID}`]: () => ({ status: 200, body: states[Math.min(polls++, 1)] }),
    });
    renderWithApp(<SurveyExportPanel slug="isfahan" activityId={ACTIVITY} />);

    const bar = await screen.findByRole('progressbar', { name: 'پیشرفت خروجی اکسل (XLSX)' });
    expect(bar).toHaveAttribute('max', '100');
    await waitFor(() => expect(bar).toHaveAttribute('value', '40'));
    expect(screen.getByText('۴۰ از ۱۰۰ پاسخ')).toBeInTheDocument();

    const link = await screen.findByRole('link', { name: 'دریافت فایل اکسل (XLSX)' }, { timeout: 3000 });
    expect(link).toHaveAttribute('href', `${BASE}/${ID}/file`);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByText(/آماده/)).toBeInTheDocument();
  });

  it('asks for an export with the chosen format and lists it', async () => {
    const created = exportOf({ format: 'csv' });
    let items: TSurveyExport[] = [];
    const fetch = mockFetch({
      'GET /api/auth/session': {
        status: 200,
        body: { account: null, memberships: [], csrfToken: 'x' },
        setCookie: 'hm_csrf=x',
      },
      [`GET ${BASE}`]: () => ({ status: 200, body: { items } }),
      [`POST ${BASE}`]: () => {
        items = [created];
        return { status: 201, body: created };
      },
      [`GET ${BASE}/${ID}`]: { status: 200, body: created },
    });
    renderWithApp(<SurveyExportPanel slug="isfahan" activityId={ACTIVITY} />);
    expect(await screen.findByText('هنوز خروجی‌ای نخواسته‌اید.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'تهیه خروجی CSV' }));
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post![1]!.body))).toEqual({ format: 'csv' });
    expect(await screen.findByRole('progressbar', { name: 'پیشرفت خروجی CSV' })).toBeInTheDocument();
    expect(screen.getByText(/در صف/)).toBeInTheDocument();
  });

  it('translates a failed export and an expired one', async () => {
    const failed = exportOf({ status: 'failed', errorCode: 'survey_exports.failed' });
    const expired = exportOf({
      id: 'e0000000-0000-4000-8000-000000000002',
      format: 'geojson',
      status: 'done',
      rowsDone: 5,
      rowsTotal: 5,
      expiresAt: '2026-12-01T10:00:00.000Z',
    });
    mockFetch({
      [`GET ${BASE}`]: { status: 200, body: { items: [failed, expired] } },
      [`GET ${BASE}/${failed.id}`]: { status: 200, body: failed },
      [`GET ${BASE}/${expired.id}`]: { status: 200, body: expired },
    });
    renderWithApp(<SurveyExportPanel slug="isfahan" activityId={ACTIVITY} />);
    expect(await screen.findByText('تهیه خروجی ناموفق بود؛ دوباره تلاش کنید.')).toBeInTheDocument();
    expect(screen.getByText(/منقضی شده/)).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
