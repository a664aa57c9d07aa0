import { screen, within } from '@testing-library/react';
import type { TOpenActivity } from '@hamandishi/contracts';
import { routes } from '@/app/router';
import { ORG } from '@/features/problems/test-fixtures';
import { mockFetch, renderRoutes } from '../../../../test/render';

jest.mock('@/lib/socket-client', () => ({
  getSocket: () => new Promise(() => {}),
  reconnectSocket: () => {},
  whenSocketOpens: () => () => {},
  closeSocket: () => {},
}));

const PLAN = {
  planId: '3b0a7f5e-1c1d-4b7a-9a55-0d6c1e2f3a01',
  planTitle: { fa: 'برنامه اصفهان ۱۴۰۵' },
  stageId: '5d1e2f3a-0000-4000-8000-000000000002',
  stageTitle: { fa: 'شناخت' },
};
const CONSULTATION: TOpenActivity = {
  id: '0f000000-0000-4000-8000-00000000000c',
  type: 'consultation',
  title: { fa: 'نظرخواهی گزارش مرحلهٔ شناخت' },
  ...PLAN,
  closesAt: '2026-05-01T20:29:59.000Z',
  stageEndsOn: '2026-06-01',
  participation: { audience: 'signed_in' },
};
const COLLECTION: TOpenActivity = {
  ...CONSULTATION,
  id: '0f000000-0000-4000-8000-00000000000a',
  type: 'problem_collection',
  title: { fa: 'فراخوان مسائل محله' },
  closesAt: null,
};
// A kind the web has no page for yet must never be offered.
const SURVEY: TOpenActivity = {
  ...CONSULTATION,
  id: '0f000000-0000-4000-8000-00000000000b',
  type: 'survey',
  title: { fa: 'پرسشنامهٔ اولویت‌ها' },
};

function serve(open: TOpenActivity[]) {
  return mockFetch({
    'GET /api/auth/session': {
      status: 200,
      body: { account: null, memberships: [], csrfToken: 'csrf-1' },
      setCookie: 'hm_csrf=csrf-1',
    },
    'GET /api/orgs/isfahan': { status: 200, body: ORG },
    'GET /api/orgs/isfahan/plans': { status: 200, body: [] },
    'GET /api/orgs/isfahan/open-activities': { status: 200, body: open },
  });
}

describe('the municipality home', () => {
  it('lists what is open now, each one click away, and nothing that does not exist', async () => {
    serve([CONSULTATION, COLLECTION, SURVEY]);
    renderRoutes(routes, '/isfahan');

    const section = (await screen.findByRole('heading', { level: 2, name: 'همین حالا مشارکت کنید' })).closest(
      'section',
    )!;
    const read = await within(section).findByRole('link', { name: 'خواندن و نظر دادن: نظرخواهی گزارش مرحلهٔ شناخت' });
    expect(read).toHaveAttribute('href', `/isfahan/consultations/${CONSULTATION.id}`);
    expect(within(section).getByRole('link', { name: 'گزارش یک مسئله: فراخوان مسائل محله' })).toHaveAttribute(
      'href',
      '/isfahan/problems/new',
    );
    expect(within(section).getAllByText('برنامه اصفهان ۱۴۰۵ · شناخت')).toHaveLength(2);
    expect(within(section).getAllByText(/مهلت مشارکت تا/)).toHaveLength(2);
    // The hero offers reporting because a collection is open.
    expect(screen.getByRole('link', { name: 'گزارش یک مسئله' })).toHaveAttribute('href', '/isfahan/problems/new');

    expect(screen.queryByText('پرسشنامهٔ اولویت‌ها')).not.toBeInTheDocument();
    for (const promise of ['به‌زودی', 'پرسشنامه‌ها', 'جلسات هم‌اندیشی'])
      expect(screen.queryByText(promise)).not.toBeInTheDocument();
  });

  it('says plainly when nothing is open, and does not offer to report a problem', async () => {
    serve([SURVEY]);
    renderRoutes(routes, '/isfahan');
    expect(await screen.findByText('اکنون فعالیت مشارکتی بازی نیست.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'برنامه‌های شهر' })).toHaveAttribute('href', '/isfahan/plans');
    expect(screen.queryByRole('link', { name: /گزارش یک مسئله/ })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'مسائل شهر روی نقشه' })).toHaveAttribute('href', '/isfahan/problems');
  });
});
