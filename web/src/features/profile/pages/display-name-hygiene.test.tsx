import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TAccount, TOrganization, TSession } from '@hamandishi/contracts';
import OrganizationLayout from '@/features/organizations/pages/organization-layout';
import ProfilePage from './profile-page';
import { mockFetch, renderRoutes } from '../../../../test/render';
import { organizationFixture } from '../../../../test/fixtures';

const isfahan: TOrganization = organizationFixture();
const account: TAccount = {
  id: '0b7e5c57-2d0c-4f5e-9d9c-8d1f0a6c1e11',
  displayName: 'مریم',
  mobile: '+989123456789',
  email: null,
  locale: 'fa',
  isSuperadmin: false,
  demographicsConsent: false,
  ageBand: null,
  gender: null,
  createdAt: '2024-06-06T08:00:00Z',
};
const session: TSession = { account, memberships: [], csrfToken: 'csrf-123' };

function renderProfile() {
  const patches: unknown[] = [];
  mockFetch({
    'GET /api/orgs/isfahan': { status: 200, body: isfahan },
    'GET /api/auth/session': { status: 200, body: session, setCookie: 'hm_csrf=csrf-123' },
    'PATCH /api/me': (body) => {
      patches.push(body);
      return { status: 200, body: { ...account, ...(body as object) } };
    },
  });
  renderRoutes(
    [{ path: '/:slug', element: <OrganizationLayout />, children: [{ path: 'profile', element: <ProfilePage /> }] }],
    '/isfahan/profile',
  );
  return patches;
}

async function saveName(name: string) {
  const user = userEvent.setup();
  const field = await screen.findByRole('textbox', { name: 'نام نمایشی' });
  await user.clear(field);
  await user.type(field, name);
  const form = field.closest('form')!;
  await user.click(within(form as HTMLElement).getByRole('button', { name: 'ذخیره' }));
  return field;
}

describe('display name on the profile page', () => {
  it('refuses a name carrying a right-to-left override with a translated message, and sends nothing', async () => {
    const patches = renderProfile();
    const field = await saveName('admin\u202enimda');
    expect(
      await screen.findByText(
        'این متن نویسه‌هایی دارد که اینجا پذیرفته نیست، مانند نویسه‌های کنترلی یا نشانه‌های نامرئی جهت متن.',
      ),
    ).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(patches).toEqual([]);
  });

  it('sends the name normalised as the server stores it (Persian ی and ک, single spaces)', async () => {
    const patches = renderProfile();
    await saveName('  علي   كاظمی ');
    await waitFor(() => expect(patches).toEqual([{ displayName: 'علی کاظمی' }]));
  });
});
