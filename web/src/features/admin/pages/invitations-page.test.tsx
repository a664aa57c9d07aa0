import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TInvitation, TOrganization, TSession } from '@hamandishi/contracts';
import OrganizationLayout from '@/features/organizations/pages/organization-layout';
import AdminLayout from '../admin-layout';
import InvitationsPage from './invitations-page';
import { mockFetch, renderRoutes } from '../../../../test/render';
import { accountFixture, organizationFixture } from '../../../../test/fixtures';

const hamedan: TOrganization = organizationFixture({
  slug: 'hamedan',
  name: { fa: 'همدان' },
  mapCenter: { lat: 34.8, lng: 48.5 },
  districts: [{ id: '7a1c1f5e-8a55-4a0a-9a37-3a0f1c2b4d02', number: 1, name: { fa: 'منطقه یک' }, boundary: null }],
});
const admin: TSession = {
  account: accountFixture({ displayName: 'مدیر همدان' }),
  memberships: [
    { organizationId: hamedan.id, organizationSlug: 'hamedan', roles: ['citizen', 'admin'], districtId: null },
  ],
  csrfToken: 'csrf-1',
};
const pending: TInvitation = {
  id: '8b1c1f5e-8a55-4a0a-9a37-3a0f1c2b4d03',
  channel: 'sms',
  contact: '+989121112233',
  roles: ['planner'],
  districtId: null,
  status: 'pending',
  invitedBy: { id: admin.account!.id, displayName: 'مدیر همدان' },
  createdAt: '2026-12-01T10:00:00Z',
  expiresAt: '2026-12-08T10:00:00Z',
  acceptedAt: null,
  revokedAt: null,
};

function renderPage() {
  return renderRoutes(
    [
      {
        path: '/:slug',
        element: <OrganizationLayout />,
        children: [
          {
            path: 'admin',
            element: <AdminLayout />,
            children: [{ path: 'invitations', element: <InvitationsPage /> }],
          },
        ],
      },
    ],
    '/hamedan/admin/invitations',
  );
}

describe('/:slug/admin/invitations', () => {
  it('lists invitations with a Jalali expiry, and revokes after a confirmation', async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch({
      'GET /api/orgs/hamedan': { status: 200, body: hamedan },
      'GET /api/auth/session': { status: 200, body: admin, setCookie: 'hm_csrf=csrf-1' },
      'GET /api/orgs/hamedan/invitations': { status: 200, body: { items: [pending], nextCursor: null } },
      [`POST /api/orgs/hamedan/invitations/${pending.id}/revoke`]: {
        status: 200,
        body: { ...pending, status: 'revoked' },
      },
    });
    renderPage();
    const row = (await screen.findByText('+989121112233')).closest('tr')!;
    expect(within(row).getByText('کارشناس برنامه‌ریزی')).toBeInTheDocument();
    expect(within(row).getByText('در انتظار')).toBeInTheDocument();
    expect(within(row).getByText(/۱۴۰۵/)).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'لغو دعوت +989121112233' }));
    const dialog = await screen.findByRole('dialog', { name: 'لغو دعوت‌نامه +989121112233؟' });
    await user.click(within(dialog).getByRole('button', { name: 'لغو شود' }));
    expect(await screen.findByText('دعوت‌نامه لغو شد.')).toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([url, init]) => String(url).endsWith('/revoke') && init?.method === 'POST')).toBe(
      true,
    );
  });

  it('asks for a district only for a district manager, and sends what was typed', async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch({
      'GET /api/orgs/hamedan': { status: 200, body: hamedan },
      'GET /api/auth/session': { status: 200, body: admin, setCookie: 'hm_csrf=csrf-1' },
      'GET /api/orgs/hamedan/invitations': { status: 200, body: { items: [], nextCursor: null } },
      'POST /api/orgs/hamedan/invitations': { status: 201, body: pending },
    });
    renderPage();
    await user.type(await screen.findByRole('textbox', { name: 'شماره همراه یا ایمیل' }), '۰۹۱۲۱۱۱۲۲۳۳');
    expect(screen.queryByRole('combobox', { name: 'منطقه (برای مدیر منطقه)' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'مدیر منطقه' }));
    await user.click(screen.getByRole('button', { name: 'فرستادن دعوت‌نامه' }));
    expect(await screen.findByRole('combobox', { name: 'منطقه (برای مدیر منطقه)' })).toHaveAccessibleDescription(/./);
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(0);

    await user.click(screen.getByRole('checkbox', { name: 'مدیر منطقه' }));
    await user.click(screen.getByRole('checkbox', { name: 'کارشناس برنامه‌ریزی' }));
    await user.click(screen.getByRole('button', { name: 'فرستادن دعوت‌نامه' }));
    expect(await screen.findByText('دعوت‌نامه فرستاده شد.')).toBeInTheDocument();
    const [, init] = fetchMock.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(JSON.parse(String(init!.body))).toEqual({ contact: '۰۹۱۲۱۱۱۲۲۳۳', roles: ['planner'], districtId: null });
  });
});
