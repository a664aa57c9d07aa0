import { screen, within } from '@testing-library/react';
import type { TSession } from '@hamandishi/contracts';
import OrganizationLayout from '@/features/organizations/pages/organization-layout';
import AdminLayout from './admin-layout';
import AdminHomePage from './pages/admin-home-page';
import { mockFetch, renderRoutes } from '../../../test/render';
import { accountFixture, organizationFixture } from '../../../test/fixtures';

const isfahan = organizationFixture();
const account: NonNullable<TSession['account']> = accountFixture();

function sessionWith(roles: TSession['memberships'][number]['roles']): TSession {
  return {
    account,
    memberships: [{ organizationId: isfahan.id, organizationSlug: 'isfahan', roles, districtId: null }],
    csrfToken: 'csrf-1',
  };
}

function renderAdmin(session: TSession) {
  mockFetch({
    'GET /api/orgs/isfahan': { status: 200, body: isfahan },
    'GET /api/auth/session': { status: 200, body: session, setCookie: 'hm_csrf=csrf-1' },
  });
  return renderRoutes(
    [
      {
        path: '/:slug',
        element: <OrganizationLayout />,
        children: [
          { path: 'sign-in', element: <h1>sign-in page</h1> },
          { path: 'admin', element: <AdminLayout />, children: [{ index: true, element: <AdminHomePage /> }] },
        ],
      },
    ],
    '/isfahan/admin',
  );
}

describe('the administration area', () => {
  it('opens for an admin, with its navigation', async () => {
    renderAdmin(sessionWith(['citizen', 'admin']));
    const nav = await screen.findByRole('navigation', { name: 'مدیریت شهرداری' });
    expect(within(nav).getByRole('link', { name: 'مناطق' })).toHaveAttribute('href', '/isfahan/admin/districts');
  });

  it('is refused to a planner (403), without showing its navigation', async () => {
    renderAdmin(sessionWith(['citizen', 'planner']));
    expect(await screen.findByText(/۴۰۳/)).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'مدیریت شهرداری' })).not.toBeInTheDocument();
  });

  it('sends a visitor to sign in first', async () => {
    const { router } = renderAdmin({ account: null, memberships: [], csrfToken: 'csrf-1' });
    expect(await screen.findByRole('heading', { name: 'sign-in page' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?next=%2Fisfahan%2Fadmin');
  });
});
