import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TMember, TOrganization, TSession } from '@hamandishi/contracts';
import OrganizationLayout from '@/features/organizations/pages/organization-layout';
import MembersPage from './members-page';
import { mockFetch, renderRoutes } from '../../../../test/render';
import { organizationFixture } from '../../../../test/fixtures';

const isfahan: TOrganization = organizationFixture({
  name: { fa: 'شهرداری اصفهان' },
  districts: [{ id: '7a1c1f5e-8a55-4a0a-9a37-3a0f1c2b4d02', number: 3, name: { fa: 'منطقه ۳' }, boundary: null }],
});
const admin: TMember = {
  accountId: '0b7e5c57-2d0c-4f5e-9d9c-8d1f0a6c1e11',
  displayName: 'مدیر سامانه',
  roles: ['admin'],
  districtId: null,
  status: 'active',
  joinedAt: '2024-06-06T08:00:00Z',
};
const yekta: TMember = {
  ...admin,
  accountId: '1b7e5c57-2d0c-4f5e-9d9c-8d1f0a6c1e12',
  displayName: 'یکتا کریمی',
  roles: ['citizen'],
};
const session: TSession = { account: null, memberships: [], csrfToken: 'csrf-123' };

function renderMembers() {
  return renderRoutes(
    [
      {
        path: '/:slug',
        element: <OrganizationLayout />,
        children: [{ path: 'admin/members', element: <MembersPage /> }],
      },
    ],
    '/isfahan/admin/members',
  );
}

describe('admin members screen', () => {
  it('searches as typed (the server folds Arabic letters), and asks a manager’s district', async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: isfahan },
      'GET /api/auth/session': { status: 200, body: session, setCookie: 'hm_csrf=csrf-123' },
      'GET /api/orgs/isfahan/members': { status: 200, body: { items: [admin, yekta], nextCursor: null } },
      'PUT /api/orgs/isfahan/members/1b7e5c57-2d0c-4f5e-9d9c-8d1f0a6c1e12/roles': {
        status: 200,
        body: { ...yekta, roles: ['manager'] },
      },
    });
    renderMembers();
    expect(await screen.findByRole('rowheader', { name: 'یکتا کریمی' })).toBeInTheDocument();

    await user.type(screen.getByRole('searchbox', { name: 'جست‌وجو' }), 'يكتا');
    await waitFor(() =>
      expect(fetchMock.mock.calls.some(([url]) => String(url).includes(`q=${encodeURIComponent('يكتا')}`))).toBe(true),
    );

    const row = screen.getByRole('row', { name: /یکتا کریمی/ });
    await user.click(within(row).getByRole('button', { name: /تغییر نقش/ }));
    const dialog = await screen.findByRole('dialog', { name: 'نقش‌های یکتا کریمی' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'مدیر منطقه' }));
    await user.click(within(dialog).getByRole('button', { name: 'ذخیره' }));
    expect(
      await within(dialog).findByText('مدیر منطقه باید یک منطقه داشته باشد. منطقه را انتخاب کنید.'),
    ).toBeInTheDocument();
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'PUT')).toHaveLength(0);
  });

  it('translates the last-admin refusal in the remove dialog', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: isfahan },
      'GET /api/auth/session': { status: 200, body: session, setCookie: 'hm_csrf=csrf-123' },
      'GET /api/orgs/isfahan/members': { status: 200, body: { items: [admin], nextCursor: null } },
      'DELETE /api/orgs/isfahan/members/0b7e5c57-2d0c-4f5e-9d9c-8d1f0a6c1e11': {
        status: 409,
        body: { code: 'identity.last_admin', message: 'x' },
      },
    });
    renderMembers();
    const row = await screen.findByRole('row', { name: /مدیر سامانه/ });
    await user.click(within(row).getByRole('button', { name: /برداشتن از شهرداری/ }));
    const dialog = await screen.findByRole('dialog', { name: 'برداشتن مدیر سامانه از شهرداری؟' });
    await user.click(within(dialog).getByRole('button', { name: 'برداشتن از شهرداری' }));
    expect(
      await within(dialog).findByText('آخرین مدیر شهرداری را نمی‌توان حذف کرد یا نقشش را گرفت.'),
    ).toBeInTheDocument();
  });
});
