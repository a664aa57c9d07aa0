import { act, screen, waitFor } from '@testing-library/react';
import type { TPlanSummary } from '@hamandishi/contracts';
import { changeLocale } from './i18n';
import { routes } from './router';
import { ORG, PROBLEM } from '@/features/problems/test-fixtures';
import { mockFetch, renderRoutes } from '../../test/render';

jest.mock('@/lib/socket-client', () => ({
  getSocket: () => new Promise(() => {}),
  reconnectSocket: () => {},
  whenSocketOpens: () => () => {},
  closeSocket: () => {},
}));

const PLAN: TPlanSummary = {
  id: '3b0a7f5e-1c1d-4b7a-9a55-0d6c1e2f3a01',
  title: { fa: 'برنامه اصفهان ۱۴۰۵', en: 'Isfahan plan 1405' },
  kind: 'strategic_operational',
  status: 'drafting',
  strategicHorizon: { from: 1405, to: 1424 },
  operationalHorizon: { from: 1405, to: 1409 },
  coverUrl: null,
  currentStageId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

function serve() {
  mockFetch({
    'GET /api/auth/session': {
      status: 200,
      body: { account: null, memberships: [], csrfToken: 'csrf-1' },
      setCookie: 'hm_csrf=csrf-1',
    },
    'GET /api/orgs': {
      status: 200,
      body: [{ id: ORG.id, slug: ORG.slug, name: { fa: 'شهرداری اصفهان', en: 'Isfahan Municipality' } }],
    },
    'GET /api/orgs/isfahan': {
      status: 200,
      body: { ...ORG, name: { fa: 'شهرداری اصفهان', en: 'Isfahan Municipality' } },
    },
    'GET /api/orgs/isfahan/plans': { status: 200, body: [PLAN] },
    'GET /api/orgs/isfahan/open-activities': { status: 200, body: [] },
    [`GET /api/orgs/isfahan/problems/${PROBLEM.id}`]: { status: 200, body: PROBLEM },
  });
}

describe('the document title', () => {
  afterEach(async () => changeLocale('fa'));

  it.each([
    ['fa', '/', 'شهرداری خود را انتخاب کنید — هم‌اندیشی'],
    ['fa', '/isfahan', 'شهرداری اصفهان — هم‌اندیشی'],
    ['fa', '/isfahan/plans', 'برنامه‌ها — شهرداری اصفهان — هم‌اندیشی'],
    ['fa', '/isfahan/sign-in', 'ورود — شهرداری اصفهان — هم‌اندیشی'],
    ['fa', '/isfahan/no/such/page', 'این صفحه پیدا نشد — هم‌اندیشی'],
    ['fa', `/isfahan/problems/${PROBLEM.id}`, `${PROBLEM.title} — شهرداری اصفهان — هم‌اندیشی`],
    ['en', '/', 'Choose your municipality — Hamandishi'],
    ['en', '/isfahan', 'Isfahan Municipality — Hamandishi'],
    ['en', '/isfahan/plans', 'Plans — Isfahan Municipality — Hamandishi'],
    ['en', '/isfahan/sign-in', 'Sign in — Isfahan Municipality — Hamandishi'],
  ] as const)(
    'in %s, at %s, is “%s”',
    async (locale, path, expected) => {
      await changeLocale(locale);
      serve();
      renderRoutes(routes, path);
      // Lazy pages load their chunks first: generous waits for a loaded machine.
      await screen.findByRole('heading', { level: 1 }, { timeout: 5000 });
      await waitFor(() => expect(document.title).toBe(expected), { timeout: 5000 });
    },
    15_000,
  );

  it('follows a renamed municipality, and the page survives the reload of the municipality', async () => {
    serve();
    const { queryClient } = renderRoutes(routes, '/isfahan/plans');
    await screen.findByRole('heading', { level: 1 }, { timeout: 5000 });
    await waitFor(() => expect(document.title).toBe('برنامه‌ها — شهرداری اصفهان — هم‌اندیشی'), { timeout: 5000 });
    mockFetch({ 'GET /api/orgs/isfahan': { status: 200, body: { ...ORG, name: { fa: 'شهرداری همدان' } } } });
    // What an admin's screen does after saving the settings or the districts.
    await act(() => queryClient.invalidateQueries({ queryKey: ['organizations', 'isfahan'] }));
    await waitFor(() => expect(document.title).toBe('برنامه‌ها — شهرداری همدان — هم‌اندیشی'), { timeout: 5000 });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('برنامه‌ها');
  }, 15_000);
});
