import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TOrganization, TOrganizationSettings, TSession } from '@hamandishi/contracts';
import OrganizationLayout from '@/features/organizations/pages/organization-layout';
import SettingsPage from './settings-page';
import { mockFetch, renderRoutes } from '../../../../test/render';
import { organizationFixture } from '../../../../test/fixtures';

const isfahan: TOrganization = organizationFixture();
const settings: TOrganizationSettings = {
  name: { fa: 'شهرداری اصفهان', en: 'Isfahan Municipality' },
  defaultLocale: 'fa',
  logoUrl: null,
  primaryColor: '#0f766e',
  accentColor: '#1d4ed8',
  welcome: {},
  about: { fa: 'دربارهٔ برنامه' },
  terms: {},
  privacy: {},
  signInMethods: ['mobile_code', 'email'],
  locales: ['fa', 'ar', 'en'],
  updatedAt: null,
};
const session: TSession = { account: null, memberships: [], csrfToken: 'csrf-123' };

function renderSettings() {
  return renderRoutes(
    [
      {
        path: '/:slug',
        element: <OrganizationLayout />,
        children: [{ path: 'admin/settings', element: <SettingsPage /> }],
      },
    ],
    '/isfahan/admin/settings',
  );
}

describe('admin settings screen', () => {
  it('checks a colour against white text as it is typed', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: isfahan },
      'GET /api/orgs/isfahan/settings': { status: 200, body: settings },
      'GET /api/auth/session': { status: 200, body: session, setCookie: 'hm_csrf=csrf-123' },
    });
    renderSettings();
    const primary = await screen.findByRole('textbox', { name: 'رنگ اصلی' });
    expect(screen.getAllByText(/\(خوانا\)/)).toHaveLength(2);
    await user.clear(primary);
    await user.type(primary, '#ffcc00');
    expect(await screen.findByText(/کمتر از ۴٫۵ است/)).toBeInTheDocument();
  });

  it('previews markdown safely and shows the server’s field errors under the fields', async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: isfahan },
      'GET /api/orgs/isfahan/settings': { status: 200, body: settings },
      'GET /api/auth/session': { status: 200, body: session, setCookie: 'hm_csrf=csrf-123' },
      'PUT /api/orgs/isfahan/settings': {
        status: 400,
        body: {
          code: 'organizations.default_locale_not_offered',
          message: 'x',
          fields: { locales: 'default_locale_missing' },
        },
      },
    });
    renderSettings();
    const welcome = await screen.findByRole('textbox', { name: 'خوشامد صفحهٔ نخست به فارسی' });
    await user.type(welcome, '**سلام** <script>');
    const preview = screen.getByRole('region', { name: 'پیش‌نمایش' });
    expect(preview.querySelector('strong')?.textContent).toBe('سلام');
    expect(preview.querySelector('script')).toBeNull();
    expect(preview).toHaveTextContent('<script>');

    await user.click(screen.getByRole('checkbox', { name: 'فارسی' }));
    await user.click(screen.getByRole('button', { name: 'ذخیرهٔ تنظیمات' }));
    expect(await screen.findByText('زبان پیش‌فرض شهرداری باید انتخاب شده باشد.')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        fetchMock.mock.calls.filter(([url, init]) => url === '/api/orgs/isfahan/settings' && init?.method === 'PUT'),
      ).toHaveLength(1),
    );
    const sent = JSON.parse(String(fetchMock.mock.calls.find(([, init]) => init?.method === 'PUT')![1]!.body)) as {
      locales: string[];
      welcome: { fa: string };
    };
    expect(sent.locales).toEqual(['ar', 'en']);
    expect(sent.welcome.fa).toBe('**سلام** <script>');
  });
});
