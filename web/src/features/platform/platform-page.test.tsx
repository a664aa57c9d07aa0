import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TPlatformOrganization, TSession } from '@hamandishi/contracts';
import PlatformPage from './platform-page';
import { mockFetch, renderWithApp } from '../../../test/render';
import { accountFixture } from '../../../test/fixtures';

const root: TSession = {
  account: accountFixture({
    displayName: 'راهبر سکو',
    mobile: null,
    email: 'superadmin@demo.hamandishi.ir',
    isSuperadmin: true,
  }),
  memberships: [],
  csrfToken: 'csrf-1',
};
const isfahan: TPlatformOrganization = {
  id: '6f1c1f5e-8a55-4a0a-9a37-3a0f1c2b4d01',
  slug: 'isfahan',
  name: { fa: 'شهرداری اصفهان' },
  defaultLocale: 'fa',
  status: 'suspended',
  suspendedAt: '2026-12-01T10:00:00Z',
  contactEmail: null,
  timeZone: 'Asia/Tehran',
  mapCenter: { lat: 32.65, lng: 51.67 },
  mapZoom: 12,
  createdAt: '2026-01-01T10:00:00Z',
  counts: { members: 1200, plans: 2, problems: 340, comments: 90 },
};

describe('/platform', () => {
  it('lists municipalities with their status and counts in Persian digits', async () => {
    mockFetch({
      'GET /api/auth/session': { status: 200, body: root, setCookie: 'hm_csrf=csrf-1' },
      'GET /api/platform/organizations': { status: 200, body: [isfahan] },
    });
    renderWithApp(<PlatformPage />, '/platform');
    const row = (await screen.findByRole('link', { name: 'رفتن به شهرداری اصفهان' })).closest('tr')!;
    expect(within(row).getByText('معلق')).toBeInTheDocument();
    expect(within(row).getByText('۱۲۰۰')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'فعال‌سازی شهرداری اصفهان' })).toBeInTheDocument();
  });

  it('checks the form with the shared schema, then shows the server refusal on the slug field', async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch({
      'GET /api/auth/session': { status: 200, body: root, setCookie: 'hm_csrf=csrf-1' },
      'GET /api/platform/organizations': { status: 200, body: [] },
      'POST /api/platform/organizations': {
        status: 409,
        body: { code: 'organizations.slug_taken', message: 'taken', fields: { slug: 'invalid_value' } },
      },
    });
    renderWithApp(<PlatformPage />, '/platform');
    const slug = await screen.findByRole('textbox', { name: 'نشانی (slug)' });
    await user.type(slug, 'Bad Slug');
    await user.click(screen.getByRole('button', { name: 'ساختن و فرستادن دعوت‌نامه' }));
    expect(slug).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(0);

    await user.clear(slug);
    await user.type(slug, 'isfahan');
    await user.type(screen.getByRole('textbox', { name: 'فارسی' }), 'همدان');
    await user.type(screen.getByRole('textbox', { name: 'شماره همراه یا ایمیل نخستین مدیر' }), '۰۹۱۲۳۴۵۶۷۸۹');
    await user.click(screen.getByRole('button', { name: 'ساختن و فرستادن دعوت‌نامه' }));
    expect(
      await screen.findByText('این نشانی (slug) را شهرداری دیگری دارد؛ نشانی دیگری برگزینید.'),
    ).toBeInTheDocument();
    const [, init] = fetchMock.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(JSON.parse(String(init!.body))).toMatchObject({
      slug: 'isfahan',
      name: { fa: 'همدان' },
      firstAdmin: '۰۹۱۲۳۴۵۶۷۸۹',
      mapZoom: 12,
    });
  });

  it('is refused to anyone but a superadmin', async () => {
    mockFetch({
      'GET /api/auth/session': {
        status: 200,
        body: { ...root, account: { ...root.account!, isSuperadmin: false } },
        setCookie: 'hm_csrf=csrf-1',
      },
    });
    renderWithApp(<PlatformPage />, '/platform');
    expect(await screen.findByText(/۴۰۳/)).toBeInTheDocument();
  });
});
